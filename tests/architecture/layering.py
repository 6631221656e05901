#!/usr/bin/env python3
"""The layering rules of docs/ARCHITECTURE.md, checked from the sources' #include lines.

  core     <- domain <- storage <- {app, jobs} <- {http, cli};  components beside them.
  - core includes only core; domain includes only core and domain; neither reaches a database,
    Beast/Asio or a component.
  - storage never includes app, http, jobs or cli; only storage includes storage/sql/ or the
    backends, and only storage (and tests) may run SQL or call RawSql.
  - app and jobs never include http or cli.
  - a component (src/components/<name>/) includes no module of any layer.
  - i18n (rendering messages in a language) includes only core; domain and storage never include
    it: they say what happened as message ids, the edges (app, jobs, http, cli, components) word
    it.
  - a module reaches another module only through that module's public headers:
    domain/<m>/types.h, domain/<m>/policy.h, storage/<m>/<m>_store.h, app/<m>/<m>_use_cases.h.

Run with the source root as argument; `--self-test` proves each rule catches a violation.
"""
import os
import re
import sys
import tempfile

MODULES = {"tenancy", "staffing", "surveys", "directory", "projects", "activity", "meetings"}
MODULE_LAYERS = ("domain", "storage", "app", "http/api", "jobs")
PUBLIC = ("domain/{m}/types.h", "domain/{m}/policy.h", "storage/{m}/{m}_store.h",
          "app/{m}/{m}_use_cases.h")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
SQL = re.compile(r'"\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|'
                 r'CREATE\s+(TABLE|INDEX|FUNCTION)\s|ALTER\s+TABLE\s|DROP\s+TABLE\s|PRAGMA\s)')
FORBIDDEN_SYSTEM = {
    "core": ("sqlite3.h", "libpq-fe.h", "boost/beast", "boost/asio"),
    "domain": ("sqlite3.h", "libpq-fe.h", "boost/beast", "boost/asio"),
}


def layer_of(rel):
    """('domain', 'tenancy') for src/domain/tenancy/x.h; module is None outside module folders."""
    parts = rel.split("/")
    if parts[0] == "http" and len(parts) > 2 and parts[1] == "api":
        layer, rest = "http/api", parts[2:]
    else:
        layer, rest = parts[0], parts[1:]
    module = rest[0] if len(rest) > 1 and rest[0] in MODULES else None
    return layer, module


def target_of(include):
    """The layer and module an include names, for includes rooted at src/."""
    parts = include.split("/")
    if len(parts) < 2:
        return None, None
    return layer_of(include)


def check_file(rel, text):
    problems = []
    layer, module = layer_of(rel)
    top = rel.split("/")[0]
    for kind, include in INCLUDE.findall(text):
        if kind == "<":
            for banned in FORBIDDEN_SYSTEM.get(top, ()):
                if include.startswith(banned):
                    problems.append(f"{rel}: {top} includes <{include}>")
            continue
        first = include.split("/")[0]
        if first not in ("core", "domain", "storage", "app", "jobs", "http", "cli", "components",
                         "i18n"):
            continue  # a component's own include root ("mail/message.h"), tests, generated
        if top == "core" and first != "core":
            problems.append(f"{rel}: core includes {include}")
        if top == "i18n" and first not in ("core", "i18n"):
            problems.append(f"{rel}: i18n includes {include}")
        if top in ("domain", "storage") and first == "i18n":
            problems.append(f"{rel}: {top} includes {include}: it names messages, never words them")
        if top == "domain" and first not in ("core", "domain"):
            problems.append(f"{rel}: domain includes {include}")
        if top == "storage" and first in ("app", "http", "jobs", "cli"):
            problems.append(f"{rel}: storage includes {include}")
        if top in ("app", "jobs") and first in ("http", "cli"):
            problems.append(f"{rel}: {top} includes {include}")
        if top != "storage" and (include.startswith("storage/sql/")
                                 or include.startswith("storage/sqlite/")
                                 or include.startswith("storage/postgres/")):
            problems.append(f"{rel}: only storage includes {include}")
        t_layer, t_module = target_of(include)
        if top == "components" and t_module is not None:
            problems.append(f"{rel}: a component includes the module header {include}")
        if module and t_module and t_module != module:
            allowed = {p.format(m=t_module) for p in PUBLIC}
            if include not in allowed:
                problems.append(f"{rel}: module {module} reaches {include}, not a public header "
                                f"of {t_module}")
    if top != "storage":
        for match in SQL.finditer(text):
            problems.append(f"{rel}: SQL outside src/storage: {match.group(0).strip()}")
        if "RawSql(" in text:
            problems.append(f"{rel}: RawSql outside src/storage")
    return problems


def check_tree(src):
    problems = []
    for root, _, files in os.walk(src):
        for name in files:
            if not name.endswith((".h", ".cc")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            with open(path, encoding="utf-8") as f:
                problems += check_file(rel, f.read())
    return problems


def self_test():
    cases = {
        "domain/tenancy/bad.h": '#include "storage/database.h"\n',
        "domain/access/bad.cc": "#include <sqlite3.h>\n",
        "core/bad.h": '#include "domain/tenancy/types.h"\n',
        "storage/tenancy/bad.cc": '#include "app/app.h"\n',
        "app/tenancy/bad.cc": '#include "storage/sql/database.h"\n',
        "jobs/bad.cc": '#include "http/api/router.h"\n',
        "components/mail/bad.cc": '#include "domain/tenancy/types.h"\n',
        "app/staffing/bad.cc": '#include "app/tenancy/session_use_cases.cc"\n',
        "http/api/staffing/bad.cc": 'auto q = "SELECT id FROM structures";\n',
        "cli/bad.cc": "RawSql(tx).Execute(x);\n",
        "i18n/bad.cc": '#include "storage/database.h"\n',
        "storage/tenancy/bad2.cc": '#include "i18n/i18n.h"\n',
        "domain/tenancy/bad3.h": '#include "i18n/i18n.h"\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in cases.items():
            os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w", encoding="utf-8") as f:
                f.write(text)
        found = check_tree(tmp)
    missed = [rel for rel in cases if not any(p.startswith(rel + ":") for p in found)]
    for rel in missed:
        print(f"self-test: the violation in {rel} was not caught")
    # And what is allowed stays allowed.
    fine = check_file("app/staffing/ok.cc", '#include "app/tenancy/tenancy_use_cases.h"\n'
                      '#include "domain/tenancy/policy.h"\n#include "mail/message.h"\n'
                      '#include "i18n/i18n.h"\n')
    for problem in fine:
        print(f"self-test: wrongly refused: {problem}")
    return not missed and not fine


def main():
    if len(sys.argv) < 2:
        print("usage: layering.py SRC_DIR [--self-test]")
        return 2
    if "--self-test" in sys.argv and not self_test():
        return 1
    problems = check_tree(sys.argv[1])
    for problem in problems:
        print(problem)
    print(f"layering: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
