// The questionnaire the surveys suites upload: « Bien vieillir à Roubaix », as pyxform's one-file
// CSV (the sheet's name in the first column of its first row).
#pragma once

namespace ensemble::testing_support::demo {

inline constexpr const char* kSeniorsCsv =
    "survey,type,name,label,required,relevant,constraint\n"
    ",integer,age,Âge,yes,,. >= 60 and . <= 110\n"
    ",select_one oui_non,seul,Vivez-vous seul ?,yes,,\n"
    ",text,aidant,Qui vous aide ?,,${seul} = 'non',\n"
    ",image,photo,Photo du logement,,,\n"
    "choices,list_name,name,label\n"
    ",oui_non,oui,Oui\n"
    ",oui_non,non,Non\n"
    "settings,form_title,form_id,version\n"
    ",Bien vieillir à Roubaix,bien_vieillir_roubaix,2026-12\n";

}  // namespace ensemble::testing_support::demo
