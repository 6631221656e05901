#include "app/demo.h"

#include <fmt/format.h>

#include <map>

#include "storage/database.h"

namespace ensemble::app {
namespace {

using tenancy::Role;
using tenancy::SharingLevel;
using tenancy::StructureKind;
using RK = tenancy::RecordKind;

struct StructureSeed {
  const char* key;
  StructureKind kind;
  const char* name;
  const char* siret;  // fictional numbers with a valid check digit, or empty
  const char* address;
  const char* commune;
  const char* territory;
  const char* managed_by;  // key, or empty
};

constexpr StructureSeed kStructures[] = {
    {"alma", StructureKind::kSocialCentre, "Centre social Alma", "77512345600011",
     "35 rue Archimède, 59100 Roubaix", "59512", "Alma-Gare", ""},
    {"echo", StructureKind::kSocialCentre, "Centre social ECHO", "77523456700011",
     "12 rue de l'Épeule, 59100 Roubaix", "59512", "Épeule – Trichon", ""},
    {"iciela", StructureKind::kManagingAssociation, "Association Iciela", "77534567800012",
     "8 place de la Fraternité, 59100 Roubaix", "59512", "Pile – Hommelet", ""},
    {"pile", StructureKind::kSocialCentre, "Centre social Pile Sainte-Élisabeth", "",
     "40 rue de Condé, 59100 Roubaix", "59512", "Pile – Sainte-Élisabeth", "iciela"},
    {"assia", StructureKind::kSocialCentre, "Centre social Assia Djebar", "",
     "2 rue de l'Hommelet, 59100 Roubaix", "59512", "Hommelet", "iciela"},
    {"fresnoy", StructureKind::kSocialCentre, "Centre social Fresnoy Mackellerie", "77545678900012",
     "20 rue de Fresnoy, 59100 Roubaix", "59512", "Fresnoy – Mackellerie", ""},
    {"basse", StructureKind::kSocialCentre, "Centre social Basse Masure", "77556789000014",
     "61 rue de la Basse Masure, 59100 Roubaix", "59512", "Basse Masure", ""},
    {"trois", StructureKind::kSocialCentre, "Centre social des Trois Ponts", "77567890100015",
     "5 avenue des Trois Ponts, 59100 Roubaix", "59512", "Trois Ponts", ""},
    {"ccas", StructureKind::kPartner, "CCAS de Roubaix", "", "17 Grand-Place, 59100 Roubaix",
     "59512", "Roubaix", ""},
    {"federation", StructureKind::kFederation,
     "Fédération des centres sociaux du Nord Pas-de-Calais", "77578901200017",
     "1 rue du Réseau, 59000 Lille", "59350", "Nord – Pas-de-Calais", ""},
    {"departement", StructureKind::kFunder, "Département du Nord", "",
     "51 rue Gustave Delory, 59000 Lille", "59350", "Nord", ""},
    {"caf", StructureKind::kFunder, "CAF du Nord", "", "82 rue Brûle Maison, 59000 Lille", "59350",
     "Nord", ""},
    {"pharmacie", StructureKind::kPartner, "Pharmacie de l'Épeule", "77589012300018",
     "90 rue de l'Épeule, 59100 Roubaix", "59512", "Épeule", ""},
};

struct PersonSeed {
  const char* email;
  const char* name;
  bool admin;
  std::vector<std::pair<const char*, Role>> roles;  // structure key, role
  const char* description;
};

std::vector<PersonSeed> People() {
  return {
      {"admin@ensemble.example.org",
       "Administration Ensemble",
       true,
       {},
       "administration de la plateforme"},
      {"claire.dumont@alma.example.org",
       "Claire Dumont",
       false,
       {{"alma", Role::kDirector}},
       "direction, Centre social Alma"},
      {"sophie.lambert@rh.example.org",
       "Sophie Lambert",
       false,
       {{"alma", Role::kHrFinance}, {"iciela", Role::kHrFinance}},
       "responsable RH multi-employeurs, Alma et Association Iciela"},
      {"karim.haddad@alma.example.org",
       "Karim Haddad",
       false,
       {{"alma", Role::kStaff}, {"alma", Role::kMediator}},
       "chargé de transition numérique, porté par Alma"},
      {"martine.lemaire@alma.example.org",
       "Martine Lemaire",
       false,
       {{"alma", Role::kStaff}, {"alma", Role::kReferent}},
       "référente Bien Vieillir, Alma"},
      {"nadia.benali@echo.example.org",
       "Nadia Benali",
       false,
       {{"echo", Role::kCoordinator}, {"echo", Role::kReferent}},
       "coordinatrice « Bien Vieillir », Centre social ECHO"},
      {"marc.lefebvre@echo.example.org",
       "Marc Lefebvre",
       false,
       {{"echo", Role::kDirector}},
       "direction, Centre social ECHO"},
      {"isabelle.moreau@iciela.example.org",
       "Isabelle Moreau",
       false,
       {{"iciela", Role::kDirector}},
       "direction, Association Iciela"},
      {"julie.martin@iciela.example.org",
       "Julie Martin",
       false,
       {{"pile", Role::kDirector}},
       "direction, Centre social Pile Sainte-Élisabeth"},
      {"youssef.amrani@iciela.example.org",
       "Youssef Amrani",
       false,
       {{"assia", Role::kDirector}},
       "direction, Centre social Assia Djebar"},
      {"helene.roussel@fresnoy.example.org",
       "Hélène Roussel",
       false,
       {{"fresnoy", Role::kDirector}},
       "direction, Centre social Fresnoy Mackellerie"},
      {"thomas.vandenberghe@bassemasure.example.org",
       "Thomas Vandenberghe",
       false,
       {{"basse", Role::kDirector}},
       "direction, Centre social Basse Masure"},
      {"fatima.zerrouki@troisponts.example.org",
       "Fatima Zerrouki",
       false,
       {{"trois", Role::kDirector}},
       "direction, Centre social des Trois Ponts"},
      {"paul.delattre@ccas-roubaix.example.org",
       "Paul Delattre",
       false,
       {{"ccas", Role::kDirector}},
       "direction, CCAS de Roubaix"},
      {"olivier.carpentier@federation.example.org",
       "Olivier Carpentier",
       false,
       {{"federation", Role::kFederationAdmin}, {"federation", Role::kCoordinator}},
       "coordinateur « Centres sociaux connectés », Fédération"},
      {"anne.deswarte@departement.example.org",
       "Anne Deswarte",
       false,
       {{"departement", Role::kFunderViewer}},
       "chargée de mission, Département du Nord (lecture)"},
  };
}

struct CollectiveSeed {
  const char* name;
  const char* purpose;
  const char* coordinator;
  std::vector<std::pair<const char*, const char*>> members;  // structure key, referent e-mail
  std::vector<std::pair<RK, SharingLevel>> default_sharing;
};

std::vector<CollectiveSeed> Collectives() {
  return {
      {"Bien Vieillir",
       "Diagnostic partagé des besoins des seniors à Roubaix, offre de services commune et réponse "
       "à l'appel à projets du Département.",
       "echo",
       {{"alma", "martine.lemaire@alma.example.org"},
        {"echo", "nadia.benali@echo.example.org"},
        {"pile", "julie.martin@iciela.example.org"},
        {"assia", "youssef.amrani@iciela.example.org"},
        {"fresnoy", "helene.roussel@fresnoy.example.org"},
        {"basse", "thomas.vandenberghe@bassemasure.example.org"},
        {"trois", "fatima.zerrouki@troisponts.example.org"},
        {"ccas", "paul.delattre@ccas-roubaix.example.org"}},
       {{RK::kSurveyAnswers, SharingLevel::kAggregates},
        {RK::kServices, SharingLevel::kFull},
        {RK::kMeetings, SharingLevel::kFull}}},
      {"Centres sociaux connectés",
       "Transition numérique des centres sociaux : tiers-lieux numériques de proximité, médiation "
       "numérique et aller-vers sur le Versant Nord-Est.",
       "federation",
       {{"federation", "olivier.carpentier@federation.example.org"},
        {"alma", "karim.haddad@alma.example.org"},
        {"fresnoy", "helene.roussel@fresnoy.example.org"},
        {"basse", "thomas.vandenberghe@bassemasure.example.org"}},
       {{RK::kActivity, SharingLevel::kAggregates}, {RK::kStaffing, SharingLevel::kFull}}},
      {"Partenariat RH Alma – Iciela",
       "Poste de responsable RH porté conjointement : outils RH partagés, réseau de partenaires "
       "(OPCO, formation, médecine du travail).",
       "alma",
       {{"alma", "claire.dumont@alma.example.org"},
        {"iciela", "isabelle.moreau@iciela.example.org"}},
       {{RK::kStaffing, SharingLevel::kFull}, {RK::kPartners, SharingLevel::kFull}}},
  };
}

struct PersonnelSeed {
  const char* employer;
  const char* name;
  const char* title;
  const char* contract;
  const char* notes;
};

constexpr PersonnelSeed kPersonnel[] = {
    {"alma", "Karim Haddad", "Chargé de transition numérique", "CDI",
     "Mis à disposition de Fresnoy Mackellerie et Basse Masure."},
    {"alma", "Martine Lemaire", "Animatrice seniors", "CDI", ""},
    {"alma", "Sophie Lambert", "Responsable RH (multi-employeurs)", "CDI temps partiel 50 %",
     "Contrat Alma ; second contrat avec l'Association Iciela."},
    {"iciela", "Leïla Mansouri", "Animatrice seniors", "CDI", "Entretien annuel prévu en janvier."},
    {"iciela", "Sophie Lambert", "Responsable RH (multi-employeurs)", "CDI temps partiel 50 %",
     "Contrat Iciela ; second contrat avec le Centre social Alma."},
    {"iciela", "Bruno Declercq", "Comptable", "CDD", "Remplacement jusqu'en juin."},
};

}  // namespace

Status LoadTenancyDemo(storage::Transaction& tx, DemoNetwork& demo) {
  const UnixMillis now = demo.now;
  auto existing = ENSEMBLE_TRY(tx.Tenancy().ListStructures({}, {0, 1}));
  if (existing.total > 0) {
    return Fail(ErrorCode::kConflict, "core.cli.demo_not_empty", "database");
  }
  auto& structures = demo.structures;
  for (const StructureSeed& seed : kStructures) {
    tenancy::Structure structure;
    structure.kind = seed.kind;
    structure.name = seed.name;
    if (*seed.siret != '\0') structure.siret = seed.siret;
    structure.address = seed.address;
    structure.commune_insee = seed.commune;
    structure.territory = seed.territory;
    if (*seed.managed_by != '\0') structure.managed_by = structures.at(seed.managed_by);
    structures[seed.key] = ENSEMBLE_TRY(tx.Tenancy().InsertStructure(structure, now));
  }
  auto& people = demo.people;
  for (const PersonSeed& seed : People()) {
    tenancy::Person person{0, seed.name, seed.email, seed.admin};
    const auto id = ENSEMBLE_TRY(tx.Tenancy().InsertPerson(person, demo.password_hash, now));
    people[seed.email] = id;
    for (const auto& [key, role] : seed.roles) {
      ENSEMBLE_TRY_STATUS(tx.Tenancy().GrantRole({id, structures.at(key), role}));
    }
    demo.sign_ins.push_back({seed.email, fmt::format("{} — {}", seed.name, seed.description)});
  }
  for (const CollectiveSeed& seed : Collectives()) {
    const auto id = ENSEMBLE_TRY(tx.Tenancy().InsertCollective(
        {0, seed.name, seed.purpose, structures.at(seed.coordinator)}, now));
    demo.collectives[seed.name] = id;
    for (const auto& [key, referent] : seed.members) {
      const auto structure = structures.at(key);
      ENSEMBLE_TRY_STATUS(tx.Tenancy().AddMember(id, structure, now));
      ENSEMBLE_TRY_STATUS(tx.Tenancy().SetReferent(id, structure, people.at(referent)));
      for (const auto& [kind, level] : seed.default_sharing) {
        ENSEMBLE_TRY_STATUS(
            tx.Tenancy().UpsertSharingRule({structure, id, kind, level}, people.at(referent), now));
      }
    }
  }
  for (const PersonnelSeed& seed : kPersonnel) {
    tenancy::PersonnelFile file;
    file.structure_id = structures.at(seed.employer);
    file.employee_name = seed.name;
    file.job_title = seed.title;
    file.contract = seed.contract;
    file.notes = seed.notes;
    ENSEMBLE_TRY(tx.Tenancy().InsertPersonnelFile(file, now));
  }
  return Ok();
}

}  // namespace ensemble::app
