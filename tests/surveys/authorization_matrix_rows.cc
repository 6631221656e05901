// The surveys module's rows of the authorisation matrix (tests/api/authorization_matrix.h), on a
// questionnaire Alma's director uploads for Alma alone. Marc (ECHO's director), Sophie wearing
// her Iciela hat and the funder have no part in it: the form and its XForm are hidden from them
// (404), exactly as missing ones, and their lists never name it. Uploading is refused to the
// hats that may not design (Sophie as HR, the funder: 403); Marc may design ECHO's own forms,
// and his file, which breaks the XLSForm rules, is answered 400 with nothing stored.
#include "tests/api/authorization_matrix.h"

namespace ensemble::testing_support {

std::vector<MatrixCase> AuthorizationMatrix::SurveysRows() {
  const Session claire = SignIn(kClaire);
  const Reply created =
      Call(&claire, "POST", "/api/v1/surveys/forms?file_name=accueil.csv",
           "survey,type,name,label\n,text,attente,Qu'attendez-vous du centre ?\n"
           ",image,photo,Photo\n"
           "settings,form_title,form_id\n,Accueil des habitants d'Alma,accueil_alma\n",
           {{"X-CSRF-Token", claire.csrf}, {"Content-Type", "text/csv"}});
  EXPECT_EQ(created.status, 201) << created.body;
  const std::string form =
      created.json.is_object() ? json::serialize(created.json.at("id")) : std::string(kMissingId);

  // Alma encrypts its answers to it: its director holds the key.
  const std::string passphrase = "la clé du jardin d'Alma";
  const Reply keyed = Send(claire, "POST", "/api/v1/surveys/forms/" + form + "/key",
                           json::object{{"passphrase", passphrase}});
  EXPECT_EQ(keyed.status, 201) << keyed.body;
  const std::string recovery_code = keyed.status == 201
                                        ? std::string(keyed.json.at("recovery_code").as_string())
                                        : std::string("0000");

  // One answer of Alma's, with a photo.
  const std::string instance_head = R"(<data id="accueil_alma" version="1"><attente>)";
  const std::string with_photo =
      instance_head +
      "Un lieu</attente><photo>accueil.jpg</photo><meta><instanceID>"
      "uuid:aaaaaaaa-0000-4000-8000-000000000001</instanceID></meta></data>";
  const std::string boundary = "matrixBoundary";
  const Reply answered = Call(
      &claire, "POST", "/api/v1/surveys/forms/" + form + "/submissions",
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"xml_submission_file\"\r\n\r\n" +
          with_photo + "\r\n--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"accueil.jpg\"; "
          "filename=\"accueil.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\n\r\n--" +
          boundary + "--\r\n",
      {{"X-CSRF-Token", claire.csrf},
       {"Content-Type", "multipart/form-data; boundary=" + boundary}});
  EXPECT_EQ(answered.status, 201) << answered.body;
  const std::string answer =
      answered.json.is_object() ? json::serialize(answered.json.at("id")) : std::string(kMissingId);
  const auto instance = [&](const char* n) {
    return instance_head +
           "Du calme</attente><meta><instanceID>uuid:aaaaaaaa-0000-4000-8000-00000000000" + n +
           "</instanceID></meta></data>";
  };

  // An export of Alma's answers Claire asked for: hers alone. No job runs here, so it waits.
  const Reply asked = Send(claire, "POST", "/api/v1/surveys/forms/" + form + "/exports",
                           json::object{{"format", "csv"}});
  EXPECT_EQ(asked.status, 202) << asked.body;
  const std::string export_path =
      "/api/v1/surveys/exports/" +
      (asked.status == 202 ? json::serialize(asked.json.at("id")) : std::string(kMissingId));

  // Two of Claire's devices: one ODK Collect uses below, one the revocation row revokes.
  const auto device = [&](const char* label) {
    const Reply made =
        Send(claire, "POST", "/api/v1/surveys/collectors", json::object{{"label", label}});
    EXPECT_EQ(made.status, 201) << made.body;
    if (made.status != 201)
      return std::make_pair(std::string("/openrosa/missing"), std::string(kMissingId));
    const std::string url(made.json.at("server_url").as_string());
    return std::make_pair(url.substr(url.find("/openrosa/")), json::serialize(made.json.at("id")));
  };
  const auto [tablet, tablet_id] = device("Tablette d'Alma");
  const auto [phone, phone_id] = device("Téléphone d'Alma");
  // Its first use is noted now, so that the rows below read without writing.
  EXPECT_EQ(Call(nullptr, "GET", tablet + "/formList").status, 200);
  const std::string stranger = "/openrosa/" + std::string(43, 'A');
  const std::string odk_boundary = "odkMatrix";
  const auto collected = [&](const std::string& text) {
    return "--" + odk_boundary +
           "\r\nContent-Disposition: form-data; name=\"xml_submission_file\"\r\n\r\n" +
           instance_head + text +
           "</attente><meta><instanceID>uuid:aaaaaaaa-0000-4000-8000-000000000009</instanceID>"
           "</meta></data>\r\n--" +
           odk_boundary + "--\r\n";
  };
  // The others' submission breaks the form (a photo named but not sent); Claire's fits.
  const std::string broken_answer = collected("x</attente><photo>absente.jpg</photo><attente>");
  const std::string fitting_answer = collected("Un jardin");
  const Outcome odk_refused{400, "", ""};

  const auto u = Unauthenticated();
  const auto ok = Succeeds();
  const auto forbidden = Forbidden();
  const auto invalid = Invalid();
  const auto hidden = Hidden("Questionnaire introuvable.");
  const auto hidden_export =
      Hidden("Cet export est introuvable : il a pu être supprimé, un jour après sa demande.");
  const json::value none = nullptr;
  const std::string f = "/api/v1/surveys/forms/";
  const std::string missing = kMissingId;
  const std::string title = "Accueil des habitants d'Alma";
  // What the others send breaks the rules; the owner's is a form of her own.
  const std::string broken = "survey,type,name,label\n,texte,attente,Attente\n";
  const std::string owners = "survey,type,name,label\n,integer,visites,Visites par mois\n";

  return {
      Row("GET", "/api/v1/surveys/forms", "/api/v1/surveys/forms", "", none, {u, ok, ok, ok}, 200,
          "items")
          .NeverShowing(title),
      Row("POST", "/api/v1/surveys/forms", "/api/v1/surveys/forms?file_name=f.csv", "", none,
          {u, invalid, forbidden, forbidden}, 201, "versions")
          .WithRawBody("text/csv", broken, owners),
      Row("GET", "/api/v1/surveys/forms/{id}", f + form, f + missing, none,
          {u, hidden, hidden, hidden}, 200, "versions")
          .NeverShowing(title),
      Row("GET", "/api/v1/surveys/forms/{id}/xform", f + form + "/xform", f + missing + "/xform",
          none, {u, hidden, hidden, hidden}, 200, "")
          .AnsweringLines(10)
          .NeverShowing("accueil_alma"),
      // The XLSForm written back: the same readers as the XForm's.
      Row("GET", "/api/v1/surveys/forms/{id}/xlsform.xlsx", f + form + "/xlsform.xlsx",
          f + missing + "/xlsform.xlsx", none, {u, hidden, hidden, hidden}, 200, ""),
      Row("GET", "/api/v1/surveys/forms/{id}/xlsform.csv", f + form + "/xlsform.csv",
          f + missing + "/xlsform.csv", none, {u, hidden, hidden, hidden}, 200, "")
          .AnsweringLines(5),
      // The key is the structure's: Alma has one already (409); the others never see the form.
      Row("POST", "/api/v1/surveys/forms/{id}/key", f + form + "/key", f + missing + "/key",
          json::object{{"passphrase", "une autre phrase de passe"}}, {u, hidden, hidden, hidden},
          409, ""),
      Row("PUT", "/api/v1/surveys/forms/{id}/key/passphrase", f + form + "/key/passphrase",
          f + missing + "/key/passphrase",
          json::object{{"recovery_code", "0000-0000"}, {"passphrase", "une autre phrase de passe"}},
          {u, hidden, hidden, hidden}, 200, "versions")
          .WithOwnerBody(
              json::object{{"recovery_code", recovery_code}, {"passphrase", passphrase}}),
      // Opening an open questionnaire: the rows below still answer it.
      Row("PUT", "/api/v1/surveys/forms/{id}/state", f + form + "/state", f + missing + "/state",
          json::object{{"state", "open"}}, {u, hidden, hidden, hidden}, 200, "versions"),
      // The results wait for the collection to close: 409 for the owner, the others refused
      // before.
      Row("GET", "/api/v1/surveys/forms/{id}/results", f + form + "/results",
          f + missing + "/results", none, {u, hidden, hidden, hidden}, 409, ""),
      Row("GET", "/api/v1/surveys/forms/{id}/crosstab", f + form + "/crosstab?rows=a&columns=b",
          f + missing + "/crosstab?rows=a&columns=b", none, {u, hidden, hidden, hidden}, 409, ""),
      Row("GET", "/api/v1/surveys/forms/{id}/crosstab.csv",
          f + form + "/crosstab.csv?rows=a&columns=b",
          f + missing + "/crosstab.csv?rows=a&columns=b", none, {u, hidden, hidden, hidden}, 409,
          ""),
      Row("GET", "/api/v1/surveys/forms/{id}/crosstab.xlsx",
          f + form + "/crosstab.xlsx?rows=a&columns=b",
          f + missing + "/crosstab.xlsx?rows=a&columns=b", none, {u, hidden, hidden, hidden}, 409,
          ""),
      Row("GET", "/api/v1/surveys/forms/{id}/results.csv", f + form + "/results.csv",
          f + missing + "/results.csv", none, {u, hidden, hidden, hidden}, 409, ""),
      Row("GET", "/api/v1/surveys/forms/{id}/results.xlsx", f + form + "/results.xlsx",
          f + missing + "/results.xlsx", none, {u, hidden, hidden, hidden}, 409, ""),
      Row("GET", "/api/v1/surveys/forms/{id}/report.pdf", f + form + "/report.pdf",
          f + missing + "/report.pdf", none, {u, hidden, hidden, hidden}, 409, ""),
      Row("POST", "/api/v1/surveys/forms/{id}/submissions", f + form + "/submissions",
          f + missing + "/submissions", none, {u, hidden, hidden, hidden}, 201, "instance_id")
          .WithRawBody("text/xml", instance("2"), instance("3")),
      Row("GET", "/api/v1/surveys/forms/{id}/submissions", f + form + "/submissions",
          f + missing + "/submissions", none, {u, hidden, hidden, hidden}, 200, "items")
          .NeverShowing("Un lieu"),
      Row("GET", "/api/v1/surveys/forms/{id}/submissions.csv", f + form + "/submissions.csv",
          f + missing + "/submissions.csv", none, {u, hidden, hidden, hidden}, 200, "")
          .AnsweringLines(2)
          .NeverShowing("Un lieu"),
      Row("GET", "/api/v1/surveys/forms/{id}/submissions.xlsx", f + form + "/submissions.xlsx",
          f + missing + "/submissions.xlsx", none, {u, hidden, hidden, hidden}, 200, ""),
      Row("POST", "/api/v1/surveys/forms/{id}/submissions/decrypted.csv",
          f + form + "/submissions/decrypted.csv", f + missing + "/submissions/decrypted.csv",
          json::object{{"passphrase", passphrase}}, {u, hidden, hidden, hidden}, 200, "")
          .AnsweringLines(2)
          .NeverShowing("Un lieu"),
      Row("POST", "/api/v1/surveys/forms/{id}/submissions/decrypted.xlsx",
          f + form + "/submissions/decrypted.xlsx", f + missing + "/submissions/decrypted.xlsx",
          json::object{{"passphrase", passphrase}}, {u, hidden, hidden, hidden}, 200, ""),
      // The background export: asked for as the file is; read and downloaded by who asked alone.
      Row("POST", "/api/v1/surveys/forms/{id}/exports", f + form + "/exports",
          f + missing + "/exports", json::object{{"format", "xlsx"}}, {u, hidden, hidden, hidden},
          202, "progress"),
      Row("GET", "/api/v1/surveys/exports/{id}", export_path, "/api/v1/surveys/exports/" + missing,
          none, {u, hidden_export, hidden_export, hidden_export}, 200, "progress"),
      Row("GET", "/api/v1/surveys/exports/{id}/file", export_path + "/file",
          "/api/v1/surveys/exports/" + missing + "/file", none,
          {u, hidden_export, hidden_export, hidden_export}, 409, ""),
      Row("GET", "/api/v1/surveys/forms/{id}/submissions/{submission_id}/files/{name}",
          f + form + "/submissions/" + answer + "/files/accueil.jpg",
          f + missing + "/submissions/" + missing + "/files/accueil.jpg", none,
          {u, hidden, hidden, hidden}, 200, "")
          .AnsweringLines(1)
          .NeverShowing("JPEG"),
      // Each person's own devices; the structure's director sees all of the structure's.
      Row("POST", "/api/v1/surveys/collectors", "/api/v1/surveys/collectors", "",
          json::object{{"label", " "}}, {u, invalid, invalid, forbidden}, 201, "server_url")
          .WithOwnerBody(json::object{{"label", "Tablette de l'accueil"}}),
      Row("GET", "/api/v1/surveys/collectors", "/api/v1/surveys/collectors", "", none,
          {u, ok, ok, ok}, 200, "items")
          .NeverShowing("Tablette d'Alma"),
      Row("DELETE", "/api/v1/surveys/collectors/{id}", "/api/v1/surveys/collectors/" + phone_id,
          "/api/v1/surveys/collectors/" + missing, none,
          {u, Hidden("Cet appareil de collecte n’existe pas dans votre structure."),
           Hidden("Cet appareil de collecte n’existe pas dans votre structure."),
           Hidden("Cet appareil de collecte n’existe pas dans votre structure.")},
          204, ""),
      // ODK Collect: the device's URL is the capability, whoever sends it, signed in or not.
      Row("GET", "/openrosa/{token}/formList", tablet + "/formList", stranger + "/formList", none,
          {ok, ok, ok, ok}, 200, "")
          .AnsweringLines(2),
      Row("GET", "/openrosa/{token}/forms/{id}/form.xml", tablet + "/forms/" + form + "/form.xml",
          stranger + "/forms/" + missing + "/form.xml", none, {ok, ok, ok, ok}, 200, "")
          .AnsweringLines(10),
      Row("HEAD", "/openrosa/{token}/submission", tablet + "/submission", stranger + "/submission",
          none, {Succeeds(204), Succeeds(204), Succeeds(204), Succeeds(204)}, 204, ""),
      Row("POST", "/openrosa/{token}/submission", tablet + "/submission", stranger + "/submission",
          none, {odk_refused, odk_refused, odk_refused, odk_refused}, 201, "")
          .WithRawBody("multipart/form-data; boundary=" + odk_boundary, broken_answer,
                       fitting_answer)
          .AnsweringLines(1),
  };
}

}  // namespace ensemble::testing_support
