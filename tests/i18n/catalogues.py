#!/usr/bin/env python3
"""The message catalogues are complete: messages/<module>/{fr,en}.json (docs/ARCHITECTURE.md).

  - each module has both files, each a flat JSON object of id -> text, every id starting with
    the module's name; French and English hold the same ids;
  - a text and its translation use the same placeholders ({name}, {count, plural, ...});
  - every id the code names exists: string literals of src/ shaped like an id of a catalogue
    module ("tenancy.password.too_short"), and the web pages' t('...') calls in web/src;
  - no Fail(...) or Error{...} in src/ says prose: a message is an id with its parameters.

Run with the repository root as argument; `--self-test` proves each rule catches a violation.
"""
import json
import os
import re
import sys
import tempfile

ID = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
WEB_CALL = re.compile(r"""\bt\(\s*(['"`])([^'"`]+)\1""")
# The message argument of Fail(code, message, ...) and Error{code, message, ...}.
FAIL = re.compile(r"\bFail\(\s*[^,;]*?ErrorCode::\w+\s*,\s*")
ERROR = re.compile(r"\bError(?:\s+\w+)?\{\s*ErrorCode::\w+\s*,\s*")
PLACEHOLDER = re.compile(r"\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*[,}]")
PLURAL_BRANCH = re.compile(
    r"(=\d+|\bzero|\bone|\btwo|\bfew|\bmany|\bother|\bmasc|\bfem|\belided|\bbare_elided)\s*\{")
# Parameters that only say how a language words a sentence (the French article before a structure
# name, web/src/i18n/articles.ts): another language may leave them out.
GRAMMATICAL = {"article"}


def placeholders(text):
    """The parameter names a text uses ({name} and the argument of {n, plural, ...})."""
    return set(PLACEHOLDER.findall(PLURAL_BRANCH.sub("(", text)))


def load_catalogues(root):
    problems, ids = [], {}
    base = os.path.join(root, "messages")
    if not os.path.isdir(base):
        return [f"{base}: no catalogues"], ids
    for module in sorted(os.listdir(base)):
        texts = {}
        for language in ("fr", "en"):
            path = os.path.join(base, module, f"{language}.json")
            if not os.path.exists(path):
                problems.append(f"messages/{module}: no {language}.json")
                continue
            try:
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
            except ValueError as error:
                problems.append(f"messages/{module}/{language}.json: not JSON: {error}")
                continue
            if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
                problems.append(f"messages/{module}/{language}.json: not a flat object of texts")
                continue
            texts[language] = data
            for key in data:
                if not key.startswith(module + "."):
                    problems.append(f"messages/{module}/{language}.json: {key} is not a {module} id")
        if len(texts) < 2:
            continue
        fr, en = texts["fr"], texts["en"]
        for key in sorted(set(fr) - set(en)):
            problems.append(f"messages/{module}: {key} has no English text")
        for key in sorted(set(en) - set(fr)):
            problems.append(f"messages/{module}: {key} has no French text")
        for key in sorted(set(fr) & set(en)):
            if placeholders(fr[key]) - GRAMMATICAL != placeholders(en[key]) - GRAMMATICAL:
                problems.append(f"messages/{module}: {key} has placeholders "
                                f"{sorted(placeholders(fr[key]))} in French but "
                                f"{sorted(placeholders(en[key]))} in English")
        ids[module] = set(fr) | set(en)
    return problems, ids


def message_argument(text, start):
    """The text of the argument that begins at `start`, up to its comma or closing bracket."""
    depth, i, in_string = 0, start, False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "({[":
            depth += 1
        elif c in ")}]":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            break
        i += 1
    return text[start:i].strip()


def is_prose(argument):
    """Whether a message argument is prose rather than an id, a Message or a variable."""
    if argument.startswith('"'):
        pieces = LITERAL.findall(argument)
        rest = LITERAL.sub("", argument).strip()
        if rest:  # "..." + something
            return True
        return not re.fullmatch(ID, "".join(pieces))
    return bool(re.match(r"(fmt::format|std::string\(\s*\"|std::format)", argument)) or \
        re.search(r'"\s*\+|\+\s*"', argument) is not None


def check_sources(root, ids):
    problems = []
    modules = set(ids)
    src = os.path.join(root, "src")
    for folder, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith((".h", ".cc")) or name.endswith("_test.cc"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            code = re.sub(r"//[^\n]*", "", text)
            for literal in LITERAL.findall(code):
                if re.fullmatch(ID, literal) and literal.split(".")[0] in modules:
                    if literal not in ids[literal.split(".")[0]]:
                        problems.append(f"{rel}: message id {literal} is in no catalogue")
            for pattern in (FAIL, ERROR):
                for match in pattern.finditer(code):
                    argument = message_argument(code, match.end())
                    if is_prose(argument):
                        line = code.count("\n", 0, match.start()) + 1
                        problems.append(f"{rel}:{line}: prose instead of a message id: "
                                        f"{argument[:60]}")
    web = os.path.join(root, "web", "src")
    for folder, _, files in os.walk(web):
        if "node_modules" in folder:
            continue
        for name in sorted(files):
            if not name.endswith((".ts", ".tsx")):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for _, key in WEB_CALL.findall(text):
                module = key.split(".")[0]
                if module not in ids or key not in ids[module]:
                    problems.append(f"{rel}: t('{key}') is in no catalogue")
    return problems


def check(root):
    problems, ids = load_catalogues(root)
    return problems + check_sources(root, ids)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def self_test():
    good_fr = {"core.a": "un {n, plural, one {# jour} other {# jours}}", "core.b": "b {x}"}
    good_en = {"core.a": "{n, plural, one {# day} other {# days}}", "core.b": "b {x}"}
    cases = {
        "an id missing in English": ({"core.c": "c"}, {}, ""),
        "different placeholders": ({"core.b": "b {x}"}, {"core.b": "b {y}"}, ""),
        "an id outside its module": ({"tenancy.a": "a"}, {"tenancy.a": "a"}, ""),
        "an unknown id in src": ({}, {}, 'return Fail(ErrorCode::kNotFound, "core.nope");'),
        "an unknown id in a Message": ({}, {}, 'Message{"core.nope", {{"n", 1}}};'),
        "a prose Fail": ({}, {}, 'return Fail(ErrorCode::kNotFound, "introuvable", "id");'),
        "a formatted Fail": ({}, {}, 'return Fail(ErrorCode::kConflict,\n fmt::format("{}", x));'),
        "a concatenated Fail": ({}, {}, 'return Fail(ErrorCode::kConflict, "a : " + x, "f");'),
        "a prose Error": ({}, {}, 'return Error{ErrorCode::kNotFound, "introuvable", {}, {}};'),
        "a prose named Error": ({}, {}, 'Error busy{ErrorCode::kTooManyRequests, "attendez"};'),
        "an unknown id in the web": ({}, {}, None),
    }
    failed = []
    for what, (fr_extra, en_extra, source) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            write(tmp, "messages/core/fr.json", json.dumps({**good_fr, **fr_extra}))
            write(tmp, "messages/core/en.json", json.dumps({**good_en, **en_extra}))
            write(tmp, "src/ok.cc", 'auto m = Message{"core.a", {{"n", 2}}};\n'
                                    'return Fail(ErrorCode::kNotFound, "core.b", "id");\n'
                                    'return Fail(ErrorCode::kNotFound, message, "id");\n')
            write(tmp, "web/src/ok.ts", "t('core.a', { n: 2 });\n")
            if source:
                write(tmp, "src/bad.cc", source + "\n")
            if source is None:
                write(tmp, "web/src/bad.tsx", "<p>{t('core.missing')}</p>\n")
            if fr_extra.keys() - {"core.b"} and not en_extra and what != "an id missing in English":
                pass
            if "tenancy.a" in fr_extra:
                write(tmp, "messages/core/fr.json", json.dumps(good_fr))
                write(tmp, "messages/core/en.json", json.dumps(good_en))
                write(tmp, "messages/wrong/fr.json", json.dumps(fr_extra))
                write(tmp, "messages/wrong/en.json", json.dumps(en_extra))
            if not check(tmp):
                failed.append(what)
        with tempfile.TemporaryDirectory() as tmp:
            write(tmp, "messages/core/fr.json", json.dumps(good_fr))
            write(tmp, "messages/core/en.json", json.dumps(good_en))
            write(tmp, "src/ok.cc", 'return Fail(ErrorCode::kNotFound, "core.b", "id");\n')
            if check(tmp):
                failed.append("a clean tree is refused: " + "; ".join(check(tmp)))
                break
    if failed:
        print("self-test: not caught:", ", ".join(failed))
        return 1
    print(f"self-test: {len(cases)} violations caught, the clean tree passes")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = argv[1] if len(argv) > 1 else "."
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} catalogue problems")
        return 1
    print("catalogues complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
