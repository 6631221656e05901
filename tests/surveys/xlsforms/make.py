#!/usr/bin/python3
"""Writes the XLSForms of tests/surveys/xlsforms/ with openpyxl: four questionnaires of the kind
French social centres publish, which together use every feature of the XLSForm reader
(src/domain/surveys/xlsform.h). web/e2e/xlsforms.test.mjs uploads each, fills its XForm with ODK's
engine in the page and transforms it with enketo-transformer.

  partenaires_sante.xlsx   partners (pharmacists, doctors, nurses): two languages, groups,
                           choice_filter, constraints, required messages, guidance hints
  enquete_menages.xlsx     a household survey: a repeat of members driven by repeat_count,
                           calculations inside and across the repeat
  visite_terrain.xlsx      a field visit: geo, media and metadata types, media per language
  satisfaction_ateliers.xlsx  rank, range, likert, trigger, parameters, style

Run: /usr/bin/python3 tests/surveys/xlsforms/make.py (from anywhere). The files are byte for byte
the same at each run: fixed dates in the workbook's properties and in the zip's entries.
"""
import datetime
import io
import os
import re
import zipfile

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
FR = "Français (fr)"
EN = "English (en)"
FIXED = datetime.datetime(2026, 12, 1, 9, 0, 0)


def workbook(survey, choices, settings):
    book = Workbook()
    book.properties.creator = "Ensemble"
    book.properties.created = FIXED
    book.properties.modified = FIXED
    first = True
    for name, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        if rows is None:
            continue
        sheet = book.active if first else book.create_sheet(name)
        sheet.title = name
        first = False
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
    return book


def save(book, name):
    raw = io.BytesIO()
    book.save(raw)
    # The same bytes at each run: openpyxl stamps the save time in docProps/core.xml and the
    # zip's entries with the current time.
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2026-12-01T09:00:00Z\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 12, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    with open(os.path.join(HERE, name), "wb") as file:
        file.write(out.getvalue())


def table(header, *rows):
    """Rows as lists aligned on `header`: each row a dict of the columns it fills."""
    return [header] + [[row.get(column, "") for column in header] for row in rows]


# --- 1. Partners: pharmacists, doctors, nurses -----------------------------------------------

PARTENAIRES_SURVEY = table(
    [
        "type", "name",
        f"label::{FR}", f"label::{EN}",
        f"hint::{FR}", f"hint::{EN}",
        f"guidance_hint::{FR}",
        "required", f"required_message::{FR}", f"required_message::{EN}",
        "relevant", "constraint", f"constraint_message::{FR}", f"constraint_message::{EN}",
        "calculation", "default", "read_only", "appearance", "choice_filter",
    ],
    {"type": "note", "name": "presentation",
     f"label::{FR}": "Ce questionnaire recueille l'avis des professionnels de santé sur les besoins des seniors du territoire.",
     f"label::{EN}": "This questionnaire collects the views of health professionals on the needs of older residents."},
    {"type": "text", "name": "reference", f"label::{FR}": "Référence de l'enquête", f"label::{EN}": "Survey reference",
     "default": "BV-2026", "read_only": "yes"},
    {"type": "begin group", "name": "structure", f"label::{FR}": "Votre structure", f"label::{EN}": "Your practice",
     "appearance": "field-list"},
    {"type": "select_one professions", "name": "profession", f"label::{FR}": "Votre profession", f"label::{EN}": "Your profession",
     "required": "yes", f"required_message::{FR}": "Indiquez votre profession", f"required_message::{EN}": "Give your profession"},
    {"type": "select_one specialites", "name": "specialite", f"label::{FR}": "Votre exercice", f"label::{EN}": "Your practice type",
     "relevant": "${profession} != '' and ${profession} != 'autre'", "choice_filter": "profession = ${profession}"},
    {"type": "text", "name": "profession_autre", f"label::{FR}": "Précisez votre profession", f"label::{EN}": "Which profession?",
     "required": "yes", "relevant": "${profession} = 'autre'"},
    {"type": "text", "name": "structure_nom", f"label::{FR}": "Nom de la pharmacie ou du cabinet",
     f"label::{EN}": "Name of the pharmacy or practice", "required": "yes"},
    {"type": "text", "name": "telephone", f"label::{FR}": "Téléphone du cabinet", f"label::{EN}": "Practice phone",
     f"hint::{FR}": "10 chiffres", f"hint::{EN}": "10 digits",
     "constraint": "regex(., '^0[1-9]( ?[0-9]{2}){4}$')",
     f"constraint_message::{FR}": "Un numéro à 10 chiffres, par exemple 03 20 00 00 00",
     f"constraint_message::{EN}": "A 10-digit number, e.g. 03 20 00 00 00"},
    {"type": "end group"},
    {"type": "begin group", "name": "patientele", f"label::{FR}": "Vos patients âgés", f"label::{EN}": "Your older patients"},
    {"type": "integer", "name": "patients_semaine",
     f"label::{FR}": "Combien de patients de plus de 60 ans recevez-vous par semaine ?",
     f"label::{EN}": "How many patients over 60 do you see each week?",
     f"guidance_hint::{FR}": "Une estimation suffit : comptez une semaine ordinaire, hors vacances.",
     "required": "yes", "constraint": ". >= 0 and . <= 500",
     f"constraint_message::{FR}": "Entre 0 et 500 patients", f"constraint_message::{EN}": "Between 0 and 500 patients"},
    {"type": "decimal", "name": "part_isoles",
     f"label::{FR}": "Part de ces patients qui vivent seuls (%)", f"label::{EN}": "Share of them living alone (%)",
     f"hint::{FR}": "Une estimation, de 0 à 100", f"hint::{EN}": "An estimate, 0 to 100",
     "constraint": ". >= 0 and . <= 100",
     f"constraint_message::{FR}": "Un pourcentage entre 0 et 100", f"constraint_message::{EN}": "A percentage between 0 and 100"},
    {"type": "calculate", "name": "isoles_semaine", "calculation": "round(${patients_semaine} * ${part_isoles} div 100, 0)"},
    {"type": "note", "name": "note_isoles",
     f"label::{FR}": "Soit environ ${isoles_semaine} patients isolés par semaine.",
     f"label::{EN}": "That is about ${isoles_semaine} isolated patients a week.",
     "relevant": "${part_isoles} != ''"},
    {"type": "select_multiple difficultes", "name": "difficultes",
     f"label::{FR}": "Quelles difficultés observez-vous chez eux ?", f"label::{EN}": "Which difficulties do you see?",
     "constraint": "not(selected(., 'aucune') and count-selected(.) > 1)",
     f"constraint_message::{FR}": "« Aucune » ne se combine pas avec une autre réponse",
     f"constraint_message::{EN}": "“None” cannot be combined with another answer"},
    {"type": "end group"},
    {"type": "begin group", "name": "orientation", f"label::{FR}": "Orientation vers les centres sociaux",
     f"label::{EN}": "Referrals to social centres"},
    {"type": "select_one oui_non", "name": "oriente",
     f"label::{FR}": "Orientez-vous déjà des patients vers un centre social ?",
     f"label::{EN}": "Do you already refer patients to a social centre?", "required": "yes"},
    {"type": "integer", "name": "nb_orientations",
     f"label::{FR}": "Combien de patients avez-vous orientés ce trimestre ?",
     f"label::{EN}": "How many patients did you refer this quarter?",
     "required": "yes", f"required_message::{FR}": "Indiquez le nombre de patients orientés",
     f"required_message::{EN}": "Give the number of patients referred",
     "relevant": "${oriente} = 'oui'", "constraint": ". >= 1",
     f"constraint_message::{FR}": "Au moins 1, sinon répondez « Non »", f"constraint_message::{EN}": "At least 1, else answer “No”"},
    {"type": "date", "name": "date_entretien", f"label::{FR}": "Date de l'entretien", f"label::{EN}": "Date of the interview",
     "default": "today()", "constraint": ". <= today()",
     f"constraint_message::{FR}": "La date ne peut pas être dans le futur", f"constraint_message::{EN}": "Not in the future"},
    {"type": "text", "name": "commentaire", f"label::{FR}": "Vos remarques", f"label::{EN}": "Your remarks", "appearance": "multiline"},
    {"type": "acknowledge", "name": "consentement",
     f"label::{FR}": "J'accepte que mes réponses soient partagées avec le collectif Bien Vieillir",
     f"label::{EN}": "I agree that my answers are shared with the Bien Vieillir collective", "required": "yes"},
    {"type": "end group"},
)

PARTENAIRES_CHOICES = table(
    ["list_name", "name", f"label::{FR}", f"label::{EN}", "profession"],
    {"list_name": "professions", "name": "pharmacien", f"label::{FR}": "Pharmacien·ne", f"label::{EN}": "Pharmacist"},
    {"list_name": "professions", "name": "medecin", f"label::{FR}": "Médecin", f"label::{EN}": "Doctor"},
    {"list_name": "professions", "name": "infirmier", f"label::{FR}": "Infirmier·e", f"label::{EN}": "Nurse"},
    {"list_name": "professions", "name": "autre", f"label::{FR}": "Autre profession", f"label::{EN}": "Other profession"},
    {"list_name": "specialites", "name": "officine", f"label::{FR}": "Officine", f"label::{EN}": "Retail pharmacy", "profession": "pharmacien"},
    {"list_name": "specialites", "name": "hospitaliere", f"label::{FR}": "Pharmacie hospitalière", f"label::{EN}": "Hospital pharmacy", "profession": "pharmacien"},
    {"list_name": "specialites", "name": "generaliste", f"label::{FR}": "Médecine générale", f"label::{EN}": "General practice", "profession": "medecin"},
    {"list_name": "specialites", "name": "geriatre", f"label::{FR}": "Gériatrie", f"label::{EN}": "Geriatrics", "profession": "medecin"},
    {"list_name": "specialites", "name": "liberal", f"label::{FR}": "Exercice libéral", f"label::{EN}": "Private practice", "profession": "infirmier"},
    {"list_name": "specialites", "name": "ssiad", f"label::{FR}": "Service de soins à domicile", f"label::{EN}": "Home care service", "profession": "infirmier"},
    {"list_name": "difficultes", "name": "mobilite", f"label::{FR}": "Se déplacer", f"label::{EN}": "Getting around"},
    {"list_name": "difficultes", "name": "numerique", f"label::{FR}": "Démarches en ligne", f"label::{EN}": "Online procedures"},
    {"list_name": "difficultes", "name": "isolement", f"label::{FR}": "Isolement", f"label::{EN}": "Loneliness"},
    {"list_name": "difficultes", "name": "observance", f"label::{FR}": "Suivre un traitement", f"label::{EN}": "Following a treatment"},
    {"list_name": "difficultes", "name": "aucune", f"label::{FR}": "Aucune", f"label::{EN}": "None"},
    {"list_name": "oui_non", "name": "oui", f"label::{FR}": "Oui", f"label::{EN}": "Yes"},
    {"list_name": "oui_non", "name": "non", f"label::{FR}": "Non", f"label::{EN}": "No"},
)

PARTENAIRES_SETTINGS = [
    ["form_title", "form_id", "version", "default_language", "instance_name", "style"],
    ["Questionnaire aux partenaires de santé", "partenaires_sante", "2026120701", FR,
     "concat(${structure_nom}, ' — ', ${date_entretien})", "pages"],
]

# --- 2. Households: a repeat of members driven by repeat_count -------------------------------

MENAGES_SURVEY = table(
    ["type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
     "constraint_message", "calculation", "default", "repeat_count", "appearance"],
    {"type": "text", "name": "adresse", "label": "Adresse du logement", "required": "yes",
     "required_message": "L'adresse est nécessaire pour ne pas enquêter deux fois le même logement"},
    {"type": "integer", "name": "nb_personnes", "label": "Combien de personnes vivent dans le logement ?",
     "required": "yes", "constraint": ". >= 1 and . <= 12", "constraint_message": "Entre 1 et 12 personnes"},
    {"type": "begin repeat", "name": "membre", "label": "Membre du ménage", "repeat_count": "${nb_personnes}"},
    {"type": "text", "name": "prenom", "label": "Prénom", "required": "yes"},
    {"type": "integer", "name": "age", "label": "Âge de ${prenom}", "required": "yes",
     "constraint": ". >= 0 and . <= 110", "constraint_message": "Un âge entre 0 et 110 ans"},
    {"type": "select_one liens", "name": "lien", "label": "Lien avec la personne de référence"},
    {"type": "select_one oui_non", "name": "scolarise", "label": "${prenom} est-il ou elle scolarisé·e ?",
     "relevant": "${age} < 18"},
    {"type": "calculate", "name": "senior", "calculation": "if(${age} >= 60, 1, 0)"},
    {"type": "calculate", "name": "mineur", "calculation": "if(${age} != '' and ${age} < 18, 1, 0)"},
    {"type": "end repeat"},
    {"type": "calculate", "name": "nb_seniors", "calculation": "sum(${senior})"},
    {"type": "calculate", "name": "nb_mineurs", "calculation": "sum(${mineur})"},
    {"type": "note", "name": "synthese",
     "label": "Ce ménage compte ${nb_seniors} personne(s) de 60 ans ou plus et ${nb_mineurs} mineur(s)."},
    {"type": "select_one oui_non", "name": "aide_domicile",
     "label": "Une personne âgée du ménage reçoit-elle une aide à domicile ?", "relevant": "${nb_seniors} > 0",
     "required": "yes"},
    {"type": "select_multiple aides", "name": "aides", "label": "Aides perçues par le ménage", "appearance": "horizontal"},
    {"type": "decimal", "name": "loyer", "label": "Loyer mensuel, charges comprises (€)", "hint": "Laissez vide si propriétaire",
     "constraint": ". > 0", "constraint_message": "Un loyer positif"},
    {"type": "date", "name": "date_naissance_ref", "label": "Date de naissance de la personne de référence",
     "constraint": ". < today()", "constraint_message": "Une date passée"},
    {"type": "time", "name": "heure_passage", "label": "Heure du passage"},
    {"type": "dateTime", "name": "prochain_rdv", "label": "Prochain rendez-vous proposé"},
    {"type": "hidden", "name": "equipe", "default": "alma-quartier"},
)

MENAGES_CHOICES = table(
    ["list_name", "name", "label"],
    {"list_name": "liens", "name": "reference", "label": "Personne de référence"},
    {"list_name": "liens", "name": "conjoint", "label": "Conjoint·e"},
    {"list_name": "liens", "name": "enfant", "label": "Enfant"},
    {"list_name": "liens", "name": "parent", "label": "Parent"},
    {"list_name": "liens", "name": "autre", "label": "Autre"},
    {"list_name": "oui_non", "name": "oui", "label": "Oui"},
    {"list_name": "oui_non", "name": "non", "label": "Non"},
    {"list_name": "aides", "name": "apl", "label": "APL"},
    {"list_name": "aides", "name": "rsa", "label": "RSA"},
    {"list_name": "aides", "name": "apa", "label": "APA"},
    {"list_name": "aides", "name": "aspa", "label": "ASPA"},
)

MENAGES_SETTINGS = [
    ["form_title", "form_id", "version", "instance_name"],
    ["Enquête ménages du quartier", "enquete_menages", "3", "concat('menage-', ${adresse})"],
]

# --- 3. Field visit: geo, media and metadata ---------------------------------------------------

VISITE_SURVEY = table(
    ["type", "name", f"label::{FR}", f"label::{EN}", f"hint::{FR}", f"hint::{EN}",
     f"media::image::{FR}", f"media::image::{EN}", f"media::audio::{FR}",
     "required", f"required_message::{FR}", "relevant", "constraint", f"constraint_message::{FR}",
     "default", "appearance", "parameters"],
    {"type": "start", "name": "debut"},
    {"type": "end", "name": "fin"},
    {"type": "today", "name": "jour"},
    {"type": "deviceid", "name": "appareil"},
    {"type": "username", "name": "enqueteur"},
    {"type": "phonenumber", "name": "telephone_appareil"},
    {"type": "email", "name": "courriel"},
    {"type": "audit", "name": "audit", "parameters": "track-changes=true"},
    {"type": "note", "name": "consignes",
     f"label::{FR}": "Présentez-vous, montrez votre badge et demandez l'accord de la personne.",
     f"label::{EN}": "Introduce yourself, show your badge and ask for the person's consent.",
     f"media::image::{FR}": "badge-fr.png", f"media::image::{EN}": "badge-en.png", f"media::audio::{FR}": "consignes-fr.mp3"},
    {"type": "date", "name": "date_visite", f"label::{FR}": "Date de la visite", f"label::{EN}": "Date of the visit",
     "default": "today()", "constraint": ". <= today()", f"constraint_message::{FR}": "Pas de visite dans le futur"},
    {"type": "geopoint", "name": "position", f"label::{FR}": "Position du logement", f"label::{EN}": "Location of the home",
     "required": "yes", f"required_message::{FR}": "Relevez la position devant l'entrée"},
    {"type": "geotrace", "name": "trajet", f"label::{FR}": "Trajet depuis l'arrêt de bus", f"label::{EN}": "Path from the bus stop"},
    {"type": "geoshape", "name": "zone", f"label::{FR}": "Îlot repéré", f"label::{EN}": "Block surveyed"},
    {"type": "select_one etats", "name": "etat_logement", f"label::{FR}": "État du logement", f"label::{EN}": "State of the home",
     "required": "yes"},
    {"type": "integer", "name": "marches", f"label::{FR}": "Nombre de marches avant la porte", f"label::{EN}": "Steps before the door",
     "constraint": ". >= 0 and . <= 200", f"constraint_message::{FR}": "Entre 0 et 200 marches"},
    {"type": "note", "name": "alerte_marches",
     f"label::{FR}": "Plus de 10 marches : signalez le logement au référent mobilité.",
     f"label::{EN}": "More than 10 steps: report the home to the mobility referent.", "relevant": "${marches} > 10"},
    {"type": "select_one oui_non", "name": "accord_photo", f"label::{FR}": "La personne accepte-t-elle une photo de la façade ?",
     f"label::{EN}": "Does the person agree to a photo of the front?", "required": "yes"},
    {"type": "image", "name": "photo_facade", f"label::{FR}": "Photo de la façade", f"label::{EN}": "Photo of the front",
     "relevant": "${accord_photo} = 'oui'", "parameters": "max-pixels=1024"},
    {"type": "audio", "name": "temoignage", f"label::{FR}": "Témoignage enregistré", f"label::{EN}": "Recorded testimony"},
    {"type": "file", "name": "document", f"label::{FR}": "Document remis par la personne", f"label::{EN}": "Document given by the person"},
    {"type": "barcode", "name": "code_boite", f"label::{FR}": "Code de la boîte aux lettres", f"label::{EN}": "Mailbox code",
     f"hint::{FR}": "Le QR code du bailleur, ou son numéro", f"hint::{EN}": "The landlord's QR code, or its number"},
    {"type": "text", "name": "observations", f"label::{FR}": "Observations", f"label::{EN}": "Observations",
     "appearance": "multiline", "required": "yes", f"required_message::{FR}": "Notez au moins une observation"},
)

VISITE_CHOICES = table(
    ["list_name", "name", f"label::{FR}", f"label::{EN}", f"media::image::{FR}"],
    {"list_name": "etats", "name": "bon", f"label::{FR}": "Bon état", f"label::{EN}": "Good", f"media::image::{FR}": "bon.png"},
    {"list_name": "etats", "name": "moyen", f"label::{FR}": "Quelques travaux", f"label::{EN}": "Some repairs", f"media::image::{FR}": "moyen.png"},
    {"list_name": "etats", "name": "degrade", f"label::{FR}": "Dégradé", f"label::{EN}": "Poor", f"media::image::{FR}": "degrade.png"},
    {"list_name": "oui_non", "name": "oui", f"label::{FR}": "Oui", f"label::{EN}": "Yes"},
    {"list_name": "oui_non", "name": "non", f"label::{FR}": "Non", f"label::{EN}": "No"},
)

VISITE_SETTINGS = [
    ["form_title", "form_id", "version", "default_language", "instance_name", "submission_url"],
    ["Visite de terrain : repérage de l'isolement", "visite_terrain", "2026-12", FR,
     "concat('visite-', ${jour})", "https://ensemble.example.org/openrosa/submission"],
]

# --- 4. Satisfaction: rank, range, likert, trigger ---------------------------------------------

SATISFACTION_SURVEY = table(
    ["type", "name", "label", "hint", "required", "relevant", "constraint", "constraint_message",
     "calculation", "trigger", "default", "appearance", "parameters", "read_only"],
    {"type": "select_one ateliers", "name": "atelier", "label": "Quel atelier avez-vous suivi ?", "required": "yes",
     "appearance": "minimal"},
    {"type": "select_one accord", "name": "satisfaction", "label": "L'atelier a répondu à mes attentes", "required": "yes",
     "appearance": "likert"},
    {"type": "range", "name": "note_animation", "label": "Note de l'animation, de 0 à 10", "required": "yes",
     "parameters": "start=0 end=10 step=1"},
    {"type": "calculate", "name": "note_sur_20", "calculation": "${note_animation} * 2", "trigger": "${note_animation}"},
    {"type": "note", "name": "affiche_note", "label": "Soit ${note_sur_20} sur 20.", "relevant": "${note_sur_20} != ''"},
    {"type": "range", "name": "duree_ideale", "label": "Durée idéale d'une séance (heures)",
     "parameters": "start=0.5 end=3 step=0.5", "default": "1.5"},
    {"type": "rank sujets", "name": "priorites", "label": "Classez ces sujets, du plus important au moins important"},
    {"type": "calculate", "name": "premier_sujet", "calculation": "selected-at(${priorites}, 0)"},
    {"type": "select_one oui_non", "name": "recommande", "label": "Recommanderiez-vous l'atelier à un proche ?",
     "default": "oui", "appearance": "horizontal"},
    {"type": "text", "name": "pourquoi", "label": "Pourquoi ?", "required": "yes", "relevant": "${recommande} = 'non'"},
    {"type": "integer", "name": "seances", "label": "À combien de séances avez-vous participé ?",
     "constraint": ". >= 1 and . <= 30", "constraint_message": "Entre 1 et 30 séances"},
    {"type": "text", "name": "saison", "label": "Saison", "default": "2026-2027", "read_only": "yes"},
    {"type": "trigger", "name": "merci", "label": "Merci ! Appuyez pour confirmer l'envoi de vos réponses.", "required": "yes"},
)

SATISFACTION_CHOICES = table(
    ["list_name", "name", "label"],
    {"list_name": "ateliers", "name": "memoire", "label": "Atelier mémoire"},
    {"list_name": "ateliers", "name": "numerique", "label": "Atelier numérique"},
    {"list_name": "ateliers", "name": "equilibre", "label": "Atelier équilibre"},
    {"list_name": "accord", "name": "pas_du_tout", "label": "Pas du tout d'accord"},
    {"list_name": "accord", "name": "plutot_non", "label": "Plutôt pas d'accord"},
    {"list_name": "accord", "name": "neutre", "label": "Ni l'un ni l'autre"},
    {"list_name": "accord", "name": "plutot_oui", "label": "Plutôt d'accord"},
    {"list_name": "accord", "name": "tout_a_fait", "label": "Tout à fait d'accord"},
    {"list_name": "sujets", "name": "sante", "label": "Santé"},
    {"list_name": "sujets", "name": "transport", "label": "Transport"},
    {"list_name": "sujets", "name": "loisirs", "label": "Loisirs"},
    {"list_name": "oui_non", "name": "oui", "label": "Oui"},
    {"list_name": "oui_non", "name": "non", "label": "Non"},
)

SATISFACTION_SETTINGS = [
    ["form_title", "form_id", "version", "style", "instance_name"],
    ["Satisfaction des ateliers seniors", "satisfaction_ateliers", "1", "theme-grid", "concat(${atelier}, '-', ${satisfaction})"],
]

FORMS = {
    "partenaires_sante.xlsx": (PARTENAIRES_SURVEY, PARTENAIRES_CHOICES, PARTENAIRES_SETTINGS),
    "enquete_menages.xlsx": (MENAGES_SURVEY, MENAGES_CHOICES, MENAGES_SETTINGS),
    "visite_terrain.xlsx": (VISITE_SURVEY, VISITE_CHOICES, VISITE_SETTINGS),
    "satisfaction_ateliers.xlsx": (SATISFACTION_SURVEY, SATISFACTION_CHOICES, SATISFACTION_SETTINGS),
}

if __name__ == "__main__":
    for file_name, sheets in FORMS.items():
        save(workbook(*sheets), file_name)
        print(file_name)
