#include "domain/surveys/xform.h"

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <string_view>
#include <vector>

#include "domain/surveys/xlsform.h"

namespace ensemble::surveys {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return segments;
}

bool IsPrefix(const std::vector<std::string_view>& prefix,
              const std::vector<std::string_view>& path) {
  return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// The bind's data type of each question type.
std::string_view BindType(const Node& node) {
  switch (node.type) {
    case QuestionType::kInteger:
      return "int";
    case QuestionType::kDecimal:
      return "decimal";
    case QuestionType::kDate:
    case QuestionType::kToday:
      return "date";
    case QuestionType::kTime:
      return "time";
    case QuestionType::kDateTime:
    case QuestionType::kStart:
    case QuestionType::kEnd:
      return "dateTime";
    case QuestionType::kGeopoint:
      return "geopoint";
    case QuestionType::kGeotrace:
      return "geotrace";
    case QuestionType::kGeoshape:
      return "geoshape";
    case QuestionType::kImage:
    case QuestionType::kAudio:
    case QuestionType::kVideo:
    case QuestionType::kFile:
    case QuestionType::kAudit:
      return "binary";
    case QuestionType::kBarcode:
      return "barcode";
    case QuestionType::kRank:
      return "odk:rank";
    case QuestionType::kRange: {
      const auto decimal = [&](std::string_view key) {
        const auto found = node.parameters.find(std::string(key));
        return found != node.parameters.end() && found->second.find('.') != std::string::npos;
      };
      return decimal("start") || decimal("end") || decimal("step") ? "decimal" : "int";
    }
    default:
      return "string";
  }
}

// jr:preload and jr:preloadParams of the metadata the device fills.
std::pair<std::string_view, std::string_view> Preload(QuestionType type) {
  switch (type) {
    case QuestionType::kStart:
      return {"timestamp", "start"};
    case QuestionType::kEnd:
      return {"timestamp", "end"};
    case QuestionType::kToday:
      return {"date", "today"};
    case QuestionType::kDeviceId:
      return {"property", "deviceid"};
    case QuestionType::kUsername:
      return {"property", "username"};
    case QuestionType::kPhoneNumber:
      return {"property", "phonenumber"};
    case QuestionType::kEmail:
      return {"property", "email"};
    default:
      return {"", ""};
  }
}

std::string_view MediaPrefix(std::string_view form) {
  if (form == "audio") return "jr://audio/";
  if (form == "video") return "jr://video/";
  return "jr://images/";
}

// A default that reads the form or calls a function is computed when the form opens (or a
// repeat is added); a constant is the instance's initial text.
bool IsDynamicDefault(std::string_view value) {
  return value.find("${") != std::string_view::npos || value.find('(') != std::string_view::npos;
}

class Writer {
 public:
  explicit Writer(const Form& form) : form_(form) {
    for (const Located& located : Locate(form)) {
      paths_[located.node->name] = located.path;
      if (located.node->kind == NodeKind::kRepeat) repeat_paths_.push_back(located.path);
    }
    root_ = "/" + form.settings.root_name;
    itext_ = NeedsItext();
    for (const std::string& language : form.languages) languages_.push_back(language);
    if (languages_.empty()) languages_.push_back("");
    default_language_ = DefaultLanguage();
  }

  std::string Write() {
    pugi::xml_document document;
    pugi::xml_node html = document.append_child("h:html");
    html.append_attribute("xmlns") = "http://www.w3.org/2002/xforms";
    html.append_attribute("xmlns:ev") = "http://www.w3.org/2001/xml-events";
    html.append_attribute("xmlns:h") = "http://www.w3.org/1999/xhtml";
    html.append_attribute("xmlns:jr") = "http://openrosa.org/javarosa";
    html.append_attribute("xmlns:odk") = "http://www.opendatakit.org/xforms";
    html.append_attribute("xmlns:orx") = "http://openrosa.org/xforms";
    html.append_attribute("xmlns:xsd") = "http://www.w3.org/2001/XMLSchema";
    pugi::xml_node head = html.append_child("h:head");
    head.append_child("h:title").text() = Title().c_str();
    model_ = head.append_child("model");
    model_.append_attribute("odk:xforms-version") = "1.0.0";
    if (itext_) itext_node_ = model_.append_child("itext");
    pugi::xml_node instance = model_.append_child("instance");
    pugi::xml_node data = instance.append_child(form_.settings.root_name.c_str());
    data.append_attribute("id") = FormId().c_str();
    if (!form_.settings.version.empty()) {
      data.append_attribute("version") = form_.settings.version.c_str();
    }
    WriteChoiceInstances();
    body_ = html.append_child("h:body");
    if (!form_.settings.style.empty())
      body_.append_attribute("class") = form_.settings.style.c_str();
    WriteNodes(form_.survey, data, body_, root_);
    for (const auto& [node, path] : triggered_) WriteTriggered(*node, path);
    WriteMeta(data);
    WriteSubmission();
    WriteTranslations();
    std::ostringstream out;
    document.save(out, "  ", pugi::format_indent | pugi::format_no_declaration,
                  pugi::encoding_utf8);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.str();
  }

 private:
  bool NeedsItext() const {
    for (const std::string& language : form_.languages) {
      if (!language.empty()) return true;
    }
    bool needed = false;
    Visit(form_.survey, [&](const Node& node) {
      if (!node.media.empty() || !node.guidance_hint.empty()) needed = true;
    });
    for (const ChoiceList& list : form_.choices) {
      for (const Choice& choice : list.choices) {
        if (!choice.media.empty()) needed = true;
      }
    }
    return needed;
  }

  template <typename F>
  static void Visit(const std::vector<Node>& nodes, const F& visit) {
    for (const Node& node : nodes) {
      visit(node);
      Visit(node.children, visit);
    }
  }

  std::string Title() const {
    for (const auto& [language, text] : form_.settings.form_title) {
      if (!text.empty()) return text;
    }
    return FormId();
  }
  std::string FormId() const {
    return form_.settings.form_id.empty() ? form_.settings.root_name : form_.settings.form_id;
  }

  std::string LanguageName(const std::string& language) const {
    return language.empty() ? "default" : language;
  }

  // The text of a language, else the text without a language, else the default language's
  // (a French constraint message helps an English reader more than pyxform's "-"), else "-"
  // (an empty label would hide the question in some clients).
  std::string TextIn(const Translations& texts, const std::string& language) const {
    if (const auto found = texts.find(language); found != texts.end()) return found->second;
    if (const auto plain = texts.find(""); plain != texts.end()) return plain->second;
    if (const auto fallback = texts.find(default_language_); fallback != texts.end()) {
      return fallback->second;
    }
    return "-";
  }

  // `${name}` in an expression, from the question at `context`.
  std::string Resolve(std::string_view expression, const std::string& context,
                      bool in_itemset = false) const {
    std::string out;
    while (true) {
      const auto open = expression.find("${");
      if (open == std::string_view::npos) break;
      const auto close = expression.find('}', open);
      if (close == std::string_view::npos) break;
      out += expression.substr(0, open);
      const std::string name(expression.substr(open + 2, close - open - 2));
      const auto found = paths_.find(name);
      std::string path =
          found == paths_.end() ? name : PathFrom(context, found->second, repeat_paths_);
      if (in_itemset && !path.starts_with("/")) path = "current()/" + path;
      out += " " + path + " ";
      expression.remove_prefix(close + 1);
    }
    out += expression;
    return out;
  }

  // A label or hint as mixed content: text, and an <output/> for each `${name}`.
  void AppendText(pugi::xml_node parent, std::string_view text, const std::string& context) const {
    while (true) {
      const auto open = text.find("${");
      const auto close = open == std::string_view::npos ? open : text.find('}', open);
      if (close == std::string_view::npos) break;
      if (open > 0)
        parent.append_child(pugi::node_pcdata).set_value(std::string(text.substr(0, open)).c_str());
      const std::string reference(text.substr(open, close - open + 1));
      parent.append_child("output").append_attribute("value") = Resolve(reference, context).c_str();
      text.remove_prefix(close + 1);
    }
    if (!text.empty()) parent.append_child(pugi::node_pcdata).set_value(std::string(text).c_str());
  }

  // --- translations ----------------------------------------------------------------------

  struct ItextEntry {
    std::string id;
    std::string context;
    Translations texts;
    std::string form;  // "" for the long text, "guidance", "image", "audio"...
  };

  void AddItext(const std::string& id, const std::string& context, const Translations& texts,
                const std::string& form = "") {
    itext_entries_.push_back({id, context, texts, form});
  }

  void WriteTranslations() {
    if (!itext_) return;
    const std::string default_language = DefaultLanguage();
    for (const std::string& language : languages_) {
      pugi::xml_node translation = itext_node_.append_child("translation");
      if (language == default_language) translation.append_attribute("default") = "true()";
      translation.append_attribute("lang") = LanguageName(language).c_str();
      std::map<std::string, pugi::xml_node> by_id;
      for (const ItextEntry& entry : itext_entries_) {
        pugi::xml_node& text = by_id[entry.id];
        if (!text) {
          text = translation.append_child("text");
          text.append_attribute("id") = entry.id.c_str();
        }
        pugi::xml_node value = text.append_child("value");
        if (!entry.form.empty()) value.append_attribute("form") = entry.form.c_str();
        const std::string content = TextIn(entry.texts, language);
        const bool media = !entry.form.empty() && entry.form != "guidance";
        if (!media) {
          AppendText(value, content, entry.context);
        } else if (content == "-") {
          text.remove_child(value);  // No file in any language: no picture rather than "-".
        } else {
          value.text() = (std::string(MediaPrefix(entry.form)) + content).c_str();
        }
      }
    }
  }

  std::string DefaultLanguage() const {
    const std::string& wanted = form_.settings.default_language;
    if (std::find(languages_.begin(), languages_.end(), wanted) != languages_.end()) return wanted;
    return languages_.front();
  }

  // <label> of a question, group or repeat: inline, or a reference to its itext.
  void WriteLabel(pugi::xml_node element, const Node& node, const std::string& path) {
    const bool has_label = !node.label.empty() || !node.media.empty();
    if (!has_label) return;
    pugi::xml_node label = element.append_child("label");
    if (!itext_) {
      AppendText(label, TextIn(node.label, ""), path);
      return;
    }
    const std::string id = path + ":label";
    label.append_attribute("ref") = ("jr:itext('" + id + "')").c_str();
    if (!node.label.empty()) AddItext(id, path, node.label);
    for (const auto& [form, files] : node.media) AddItext(id, path, files, form);
  }

  void WriteHint(pugi::xml_node element, const Node& node, const std::string& path) {
    if (node.hint.empty() && node.guidance_hint.empty()) return;
    pugi::xml_node hint = element.append_child("hint");
    if (!itext_) {
      AppendText(hint, TextIn(node.hint, ""), path);
      return;
    }
    const std::string id = path + ":hint";
    hint.append_attribute("ref") = ("jr:itext('" + id + "')").c_str();
    if (!node.hint.empty()) AddItext(id, path, node.hint);
    if (!node.guidance_hint.empty()) AddItext(id, path, node.guidance_hint, "guidance");
  }

  // jr:constraintMsg or jr:requiredMsg: inline, or its itext.
  void WriteMessage(pugi::xml_node bind, const char* attribute, const Translations& texts,
                    const std::string& path) {
    if (texts.empty()) return;
    const std::string id = path + ":" + attribute;
    if (itext_) {
      bind.append_attribute(attribute) = ("jr:itext('" + id + "')").c_str();
      AddItext(id, path, texts);
    } else {
      bind.append_attribute(attribute) = TextIn(texts, "").c_str();
    }
  }

  // --- choices ---------------------------------------------------------------------------

  void WriteChoiceInstances() {
    for (const ChoiceList& list : form_.choices) {
      if (!IsUsed(list.name)) continue;
      pugi::xml_node instance = model_.append_child("instance");
      instance.append_attribute("id") = list.name.c_str();
      pugi::xml_node root = instance.append_child("root");
      std::size_t index = 0;
      for (const Choice& choice : list.choices) {
        pugi::xml_node item = root.append_child("item");
        item.append_child("name").text() = choice.name.c_str();
        if (itext_) {
          const std::string id = list.name + "-" + std::to_string(index++);
          item.append_child("itextId").text() = id.c_str();
          if (!choice.label.empty()) AddItext(id, root_, choice.label);
          for (const auto& [form, files] : choice.media) AddItext(id, root_, files, form);
        } else {
          item.append_child("label").text() = TextIn(choice.label, "").c_str();
        }
        for (const auto& [column, value] : choice.columns) {
          if (IsElementName(column)) item.append_child(column.c_str()).text() = value.c_str();
        }
      }
    }
  }

  static bool IsElementName(std::string_view name) {
    if (name.empty() || name == "name" || name == "label" || name == "itextId") return false;
    const auto letter = [](unsigned char c) { return std::isalpha(c) || c == '_'; };
    if (!letter(static_cast<unsigned char>(name.front()))) return false;
    return std::all_of(name.begin(), name.end(), [&](char c) {
      const auto u = static_cast<unsigned char>(c);
      return letter(u) || std::isdigit(u) || c == '-' || c == '.';
    });
  }

  bool IsUsed(const std::string& list_name) const {
    bool used = false;
    Visit(form_.survey, [&](const Node& node) {
      if (node.kind == NodeKind::kQuestion && TakesChoiceList(node.type) &&
          node.list_name == list_name) {
        used = true;
      }
    });
    return used;
  }

  void WriteItemset(pugi::xml_node control, const Node& node, const std::string& path) {
    std::string nodeset = "instance('" + node.list_name + "')/root/item";
    if (!node.choice_filter.empty()) {
      nodeset += "[" + Resolve(node.choice_filter, path, true) + "]";
    }
    pugi::xml_node itemset = control.append_child("itemset");
    itemset.append_attribute("nodeset") = nodeset.c_str();
    itemset.append_child("value").append_attribute("ref") = "name";
    itemset.append_child("label").append_attribute("ref") = itext_ ? "jr:itext(itextId)" : "label";
  }

  // --- questions, groups, repeats --------------------------------------------------------

  void WriteNodes(const std::vector<Node>& nodes, pugi::xml_node data, pugi::xml_node body,
                  const std::string& parent) {
    for (const Node& node : nodes) {
      if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kAudit) continue;
      const std::string path = parent + "/" + node.name;
      if (node.kind == NodeKind::kQuestion) {
        WriteQuestion(node, data, body, path);
      } else {
        WriteContainer(node, data, body, path);
      }
    }
  }

  void WriteContainer(const Node& node, pugi::xml_node data, pugi::xml_node body,
                      const std::string& path) {
    WriteBind(node, path);
    pugi::xml_node group = body.append_child("group");
    group.append_attribute("ref") = path.c_str();
    if (!node.appearance.empty()) group.append_attribute("appearance") = node.appearance.c_str();
    WriteLabel(group, node, path);
    pugi::xml_node inner_body = group;
    if (node.kind == NodeKind::kRepeat) {
      inner_body = group.append_child("repeat");
      inner_body.append_attribute("nodeset") = path.c_str();
      if (!node.repeat_count.empty()) {
        const bool constant =
            std::all_of(node.repeat_count.begin(), node.repeat_count.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        inner_body.append_attribute("jr:count") =
            (constant ? node.repeat_count : Resolve(node.repeat_count, path)).c_str();
      }
      // The template the clients copy for each new repeat, then the first one (as pyxform).
      pugi::xml_node templ = data.append_child(node.name.c_str());
      templ.append_attribute("jr:template") = "";
      WriteNodes(node.children, templ, inner_body, path);
      CopyInstance(templ, data.append_child(node.name.c_str()));
      return;
    }
    pugi::xml_node element = data.append_child(node.name.c_str());
    WriteNodes(node.children, element, inner_body, path);
  }

  static void CopyInstance(pugi::xml_node from, pugi::xml_node to) {
    for (pugi::xml_node child : from.children()) {
      if (child.type() == pugi::node_pcdata) {
        to.text() = child.value();
        continue;
      }
      pugi::xml_node copy = to.append_child(child.name());
      if (child.attribute("jr:template")) {
        // A repeat inside the repeat: its template only.
        copy.append_attribute("jr:template") = "";
      }
      CopyInstance(child, copy);
    }
  }

  void WriteQuestion(const Node& node, pugi::xml_node data, pugi::xml_node body,
                     const std::string& path) {
    pugi::xml_node element = data.append_child(node.name.c_str());
    if (!node.default_value.empty() && !IsDynamicDefault(node.default_value)) {
      element.text() = node.default_value.c_str();
    }
    WriteBind(node, path);
    WriteControl(node, body, path);
    if (!node.default_value.empty() && IsDynamicDefault(node.default_value)) {
      WriteDynamicDefault(node, body, path);
    }
    if (!node.trigger.empty()) triggered_.emplace_back(&node, path);
  }

  // The body element people answer in; none for what the device or the form computes.
  void WriteControl(const Node& node, pugi::xml_node body, const std::string& path) {
    const char* element = nullptr;
    const char* mediatype = nullptr;
    switch (node.type) {
      case QuestionType::kCalculate:
      case QuestionType::kHidden:
        return;
      case QuestionType::kSelectOne:
        element = "select1";
        break;
      case QuestionType::kSelectMultiple:
        element = "select";
        break;
      case QuestionType::kRank:
        element = "odk:rank";
        break;
      case QuestionType::kAcknowledge:
        element = "trigger";
        break;
      case QuestionType::kRange:
        element = "range";
        break;
      case QuestionType::kImage:
        element = "upload";
        mediatype = "image/*";
        break;
      case QuestionType::kAudio:
        element = "upload";
        mediatype = "audio/*";
        break;
      case QuestionType::kVideo:
        element = "upload";
        mediatype = "video/*";
        break;
      case QuestionType::kFile:
        element = "upload";
        mediatype = "application/*";
        break;
      default:
        if (IsMetadata(node.type)) return;
        element = "input";
    }
    pugi::xml_node control = body.append_child(element);
    control.append_attribute("ref") = path.c_str();
    if (mediatype != nullptr) control.append_attribute("mediatype") = mediatype;
    if (!node.appearance.empty()) control.append_attribute("appearance") = node.appearance.c_str();
    if (node.type == QuestionType::kRange) {
      for (const char* key : {"start", "end", "step"}) {
        const auto found = node.parameters.find(key);
        // The specification's defaults: start=1 end=10 step=1.
        const char* fallback = std::string_view(key) == "end" ? "10" : "1";
        control.append_attribute(key) =
            found == node.parameters.end() ? fallback : found->second.c_str();
      }
    } else if (node.type == QuestionType::kImage && node.parameters.contains("max-pixels")) {
      control.append_attribute("orx:max-pixels") = node.parameters.at("max-pixels").c_str();
    }
    WriteLabel(control, node, path);
    WriteHint(control, node, path);
    if (TakesChoiceList(node.type)) WriteItemset(control, node, path);
    controls_[path] = control;
  }

  void WriteBind(const Node& node, const std::string& path) {
    pugi::xml_node bind = model_.append_child("bind");
    bind.append_attribute("nodeset") = path.c_str();
    if (node.kind == NodeKind::kQuestion) {
      bind.append_attribute("type") = std::string(BindType(node)).c_str();
      const auto [preload, params] = Preload(node.type);
      if (!preload.empty()) {
        bind.append_attribute("jr:preload") = std::string(preload).c_str();
        bind.append_attribute("jr:preloadParams") = std::string(params).c_str();
      }
    }
    if (!node.relevant.empty()) {
      bind.append_attribute("relevant") = Resolve(node.relevant, path).c_str();
    }
    if (!node.required.empty()) {
      bind.append_attribute("required") = Resolve(node.required, path).c_str();
    }
    WriteMessage(bind, "jr:requiredMsg", node.required_message, path);
    if (!node.constraint.empty()) {
      bind.append_attribute("constraint") = Resolve(node.constraint, path).c_str();
    }
    WriteMessage(bind, "jr:constraintMsg", node.constraint_message, path);
    if (!node.calculation.empty() && node.trigger.empty()) {
      bind.append_attribute("calculate") = Resolve(node.calculation, path).c_str();
    }
    std::string read_only = node.read_only;
    if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kNote) read_only = "true()";
    if (!read_only.empty()) bind.append_attribute("readonly") = Resolve(read_only, path).c_str();
  }

  void WriteDynamicDefault(const Node& node, pugi::xml_node body, const std::string& path) {
    const bool in_repeat =
        std::any_of(repeat_paths_.begin(), repeat_paths_.end(),
                    [&](const auto& repeat) { return IsPrefix(Segments(repeat), Segments(path)); });
    pugi::xml_node setvalue =
        in_repeat ? body.append_child("setvalue") : model_.append_child("setvalue");
    setvalue.append_attribute("event") =
        in_repeat ? "odk-instance-first-load odk-new-repeat" : "odk-instance-first-load";
    setvalue.append_attribute("ref") = path.c_str();
    setvalue.append_attribute("value") = Resolve(node.default_value, path).c_str();
  }

  // A calculation with a trigger is computed when the triggering question changes, through a
  // setvalue action inside that question's control (the specification's "trigger" column).
  void WriteTriggered(const Node& node, const std::string& path) {
    const std::vector<std::string> names = ReferencesIn(node.trigger);
    if (names.empty()) return;
    const auto source = paths_.find(names.front());
    if (source == paths_.end()) return;
    const auto control = controls_.find(source->second);
    if (control == controls_.end()) return;
    pugi::xml_node setvalue = control->second.append_child("setvalue");
    setvalue.append_attribute("event") = "xforms-value-changed";
    setvalue.append_attribute("ref") = path.c_str();
    if (!node.calculation.empty()) {
      setvalue.append_attribute("value") = Resolve(node.calculation, path).c_str();
    }
  }

  // --- meta and submission ---------------------------------------------------------------

  void WriteMeta(pugi::xml_node data) {
    pugi::xml_node meta = data.append_child("meta");
    const Node* audit = nullptr;
    Visit(form_.survey, [&](const Node& node) {
      if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kAudit) audit = &node;
    });
    if (audit != nullptr) {
      meta.append_child("audit");
      pugi::xml_node bind = model_.append_child("bind");
      const std::string path = root_ + "/meta/audit";
      bind.append_attribute("nodeset") = path.c_str();
      bind.append_attribute("type") = "binary";
      for (const auto& [key, value] : audit->parameters) {
        bind.append_attribute(("odk:" + key).c_str()) = value.c_str();
      }
    }
    meta.append_child("instanceID");
    pugi::xml_node bind = model_.append_child("bind");
    bind.append_attribute("nodeset") = (root_ + "/meta/instanceID").c_str();
    bind.append_attribute("type") = "string";
    bind.append_attribute("readonly") = "true()";
    bind.append_attribute("jr:preload") = "uid";
    if (!form_.settings.instance_name.empty()) {
      meta.append_child("instanceName");
      pugi::xml_node name_bind = model_.append_child("bind");
      const std::string path = root_ + "/meta/instanceName";
      name_bind.append_attribute("nodeset") = path.c_str();
      name_bind.append_attribute("type") = "string";
      name_bind.append_attribute("calculate") = Resolve(form_.settings.instance_name, path).c_str();
    }
  }

  void WriteSubmission() {
    const Settings& settings = form_.settings;
    if (settings.public_key.empty() && settings.submission_url.empty()) return;
    pugi::xml_node submission = model_.append_child("submission");
    if (!settings.submission_url.empty()) {
      submission.append_attribute("action") = settings.submission_url.c_str();
    }
    if (!settings.public_key.empty()) {
      submission.append_attribute("base64RsaPublicKey") = settings.public_key.c_str();
    }
    submission.append_attribute("method") = "post";
  }

  const Form& form_;
  std::map<std::string, std::string> paths_;  // By name; names used by `${}` are unique.
  std::vector<std::string> repeat_paths_;
  std::map<std::string, pugi::xml_node> controls_;  // The control of each question, by path.
  std::vector<std::pair<const Node*, std::string>> triggered_;  // Written once all controls are.
  std::string root_;
  bool itext_ = false;
  std::vector<std::string> languages_;
  std::string default_language_;
  std::vector<ItextEntry> itext_entries_;
  pugi::xml_node model_;
  pugi::xml_node itext_node_;
  pugi::xml_node body_;
};

}  // namespace

std::string PathFrom(const std::string& context, const std::string& target,
                     const std::vector<std::string>& repeat_paths) {
  const auto from = Segments(context);
  const auto to = Segments(target);
  std::size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common]) ++common;
  const std::vector<std::string_view> shared(from.begin(),
                                             from.begin() + static_cast<long>(common));
  const bool in_shared_repeat =
      std::any_of(repeat_paths.begin(), repeat_paths.end(),
                  [&](const std::string& repeat) { return IsPrefix(Segments(repeat), shared); });
  if (!in_shared_repeat) return target;
  std::string path;
  for (std::size_t i = common; i < from.size(); ++i) path += path.empty() ? ".." : "/..";
  for (std::size_t i = common; i < to.size(); ++i) {
    if (!path.empty()) path += "/";
    path += to[i];
  }
  return path.empty() ? "." : path;
}

std::string WriteXForm(const Form& form) { return Writer(form).Write(); }

}  // namespace ensemble::surveys
