"""Neo4j Browser files for the canned queries: a guide to `:play` and a GraSS style.

`python -m kg.browser [--check] [FOLDER]` writes into FOLDER (docs/browser by default):

    guide.html           a Browser guide: one slide per query group, each query with a
                         runnable `:param` block (example values) and a runnable query block
    kg.grass             a Graph Style Sheet: a colour, size and caption per schema label,
                         the type name as caption per relationship type
    saved-scripts/*.cypher
                         one file per query, to drop on Browser as saved scripts (favorites)
    nginx.conf           for the optional `guide` service of docker-compose.yml, which serves
                         this folder on http://localhost:8001 with the CORS header Browser needs

With --check it writes nothing and exits 1 when a file is stale (tests do the same).

A query block is the query `kg` runs, as `kg.canned.answer` builds it with a row limit:
the query without its `//` header, then `LIMIT $row_limit`; each `:param` block sets
`row_limit` with the query's own parameters, and the `data:` a query names (queries/themes.yaml
as `$themes`) is inlined as a Cypher literal, as `CannedQuery.bind` passes it.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from kg.canned import GROUPS, CannedQuery, catalogue
from kg.model import Schema, load_schema

FOLDER = "docs/browser"
ROW_LIMIT = 100
PORT = 8001
# Values for required parameters that give rows on the seeds and examples (tests/test_queries.py).
EXAMPLES = {"target": "PLAN/LAO/SIXTH-NSEDP"}

GROUP_INTROS = {
    "alignment": "How projects and programmes line up with ILO outcomes, UNDAFs, national plans and SDGs.",
    "coverage": "Which countries, frameworks and outcomes the evaluations cover, and which they miss.",
    "recommendations": "What evaluations recommend, to whom, on which themes, and what was answered.",
    "partners": "Organisations, donors and who works with whom.",
    "evidence": "Evaluations, money facts, ratings, lessons and good practices.",
}

# Label -> (family, colour, caption, diameter in px). Families share a hue: work (orange),
# frameworks (green), results (blue), evidence (purple, yellow, grey), organisations and places (red).
STYLES = {
    "Project": ("work", "#F79767", "{name}", 65),
    "Programme": ("work", "#E3702D", "{name}", 75),
    "UNDAF": ("frameworks", "#2E8B57", "{name}", 65),
    "NationalPlan": ("frameworks", "#57A773", "{name}", 65),
    "SDG": ("frameworks", "#8BC34A", "SDG {number}", 60),
    "Convention": ("frameworks", "#B5D99C", "{id}", 45),
    "Outcome": ("results", "#4C8EDA", "{code}", 55),
    "UNDAFOutcome": ("results", "#57C7E3", "{code}", 50),
    "PlanPriority": ("results", "#8DA7E0", "{code}", 50),
    "SDGTarget": ("results", "#A9D8F0", "{code}", 45),
    "Evaluation": ("evidence", "#8E5FB8", "{id}", 60),
    "Recommendation": ("evidence", "#C990C0", "{number}", 40),
    "ManagementResponse": ("evidence", "#DDB8D7", "{text}", 35),
    "Lesson": ("evidence", "#FFC454", "{number}", 40),
    "GoodPractice": ("evidence", "#FFE081", "{number}", 40),
    "Funding": ("evidence", "#D9C8AE", "{amount} {currency}", 40),
    "Rating": ("evidence", "#C7BFB4", "{criterion}", 35),
    "Document": ("evidence", "#A5ABB6", "{title}", 35),
    "Organization": ("organisations", "#F16667", "{name}", 55),
    "Country": ("organisations", "#B5533C", "{name}", 60),
}
FAMILIES = {"work": "Projects and programmes", "frameworks": "Frameworks, plans, goals and instruments",
            "results": "Results: outcomes, priorities and targets", "evidence": "Evaluations and what they state",
            "organisations": "Organisations and countries", "other": "Other"}
DEFAULT_STYLE = ("other", "#A5ABB6", "{id}", 50)  # a label added to the schema but not to STYLES
# Relationship types drawn thicker: the chain from a project to the frameworks it serves.
CHAIN = {"CONTRIBUTES_TO": 3, "ALIGNS_WITH": 3, "PART_OF": 2, "MAPS_TO": 2}

NGINX = f"""# Written by `python -m kg.browser`; do not edit. Used by the `guide` service of
# docker-compose.yml: serves docs/browser so that Neo4j Browser (http://localhost:7474,
# another origin) can `:play http://localhost:{PORT}/guide.html`. Browser fetches the guide
# from the web page, so the answer must allow cross-origin reads.
server {{
    listen 80;
    root /usr/share/nginx/html;
    types {{
        text/html html;
        text/plain grass cypher conf;
    }}
    charset utf-8;
    add_header Access-Control-Allow-Origin "*" always;
    add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always;
    add_header Access-Control-Allow-Headers "*" always;
    add_header Cache-Control "no-cache" always;
    location / {{
        if ($request_method = OPTIONS) {{
            return 204;
        }}
        autoindex on;
    }}
}}
"""


# --- Cypher text --------------------------------------------------------------------------

def body(query: CannedQuery) -> str:
    """The query without its `//` YAML header (comments: the server never sees a difference)."""
    lines = query.text.splitlines()
    start = 0
    while start < len(lines) and lines[start].startswith("//"):
        start += 1
    return "\n".join(lines[start:]).strip()


def runnable(query: CannedQuery) -> str:
    """The text `kg.canned.answer` runs for a query with a row limit, less the header."""
    return f"{body(query)}\nLIMIT $row_limit"


def literal(value) -> str:
    """A Cypher literal for a parameter value (strings, numbers, booleans, lists, maps)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {value!r}")


def _key(name) -> str:
    name = str(name)
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else "`" + name.replace("`", "``") + "`"


def example_values(query: CannedQuery) -> dict:
    """Every parameter the query text uses, with an example value: defaults, known-good
    values for required ones, the query's data files as `bind` loads them, and row_limit."""
    given = {}
    for name, param in query.parameters.items():
        if param.required:
            if name not in EXAMPLES:
                raise ValueError(f"queries/{query.name}.cypher: no example value for required parameter {name} "
                                 "(add one to kg.browser.EXAMPLES)")
            given[name] = str(EXAMPLES[name])
    return {**query.bind(given), "row_limit": ROW_LIMIT}


def param_lines(query: CannedQuery) -> list[str]:
    return [f":param {name} => {literal(value)};" for name, value in example_values(query).items()]


# --- guide.html ---------------------------------------------------------------------------

def _text(text: str) -> str:
    """Text for an element's content: &, < and > escaped (quotes need no escape there)."""
    return html.escape(text, quote=False)


def _pre(text: str) -> str:
    return f'<pre class="code runnable standalone-example ng-binding">{_text(text)}</pre>'


def _p(text: str) -> str:
    return f"<p>{_text(' '.join(text.split()))}</p>"


def _query_section(query: CannedQuery) -> list[str]:
    out = [f'<h4 id="{html.escape(query.name, quote=True)}">{_text(query.title)} '
           f"<small>(<code>{_text(query.name)}</code>)</small></h4>", _p(query.description)]
    items = []
    for p in query.parameters.values():
        default = "required" if p.required else f"default {literal(p.default)}"
        choices = f"; one of: {', '.join(map(str, p.choices))}" if p.choices else ""
        items.append(f"<li><code>${_text(p.name)}</code> ({_text(p.type)}, {_text(default)}"
                     f"{_text(choices)}): {_text(p.description)}</li>")
    for name in query.data:
        items.append(f"<li><code>${_text(name)}</code>: the data in queries/{_text(name)}.yaml, "
                     "inlined below</li>")
    items.append(f"<li><code>$row_limit</code>: at most this many rows ({ROW_LIMIT} below)</li>")
    out += ["<p>Parameters (click to put them in the editor, then run; edit the values to ask "
            "something else):</p>", "<ul>", *items, "</ul>", _pre("\n".join(param_lines(query))),
            "<p>The query (columns: " + ", ".join(f"<code>{_text(c)}</code>" for c in query.columns)
            + "):</p>", _pre(runnable(query))]
    return out


def guide(queries: dict[str, CannedQuery], schema: Schema) -> str:
    """guide.html: an intro slide, then one slide per group of canned queries."""
    lines = ["<!-- Written by `python -m kg.browser` from queries/ and schema/kg.yaml; do not edit. -->",
             "<!-- In Neo4j Browser: :play http://localhost:8001/guide.html -->",
             '<article class="guide">', '<carousel class="deck container-fluid">']

    families: dict[str, list[str]] = {family: [] for family in FAMILIES}
    for label in schema.nodes:
        families[STYLES.get(label, DEFAULT_STYLE)[0]].append(label)
    intro = ['<slide class="row-fluid">', '<div class="col-sm-12">',
             "<h3>The kg graph: development programmes and their evaluations</h3>",
             _p("This graph is built by kg from ILO evaluation reports and record files: which projects "
                "and programmes were evaluated, the outcomes they serve, the UN frameworks, national plans "
                "and SDGs those outcomes align with, the organisations involved, and what the evaluations "
                "found and recommended. Every node has an id; every node and relationship has evidence "
                "(where in which report it was read)."),
             "<ul>"]
    for family, labels in families.items():
        if labels:
            intro += [f"<li><b>{_text(FAMILIES[family])}</b><ul>",
                      *(f"<li><code>{_text(label)}</code>: {_text(schema.nodes[label].description)}</li>"
                        for label in labels), "</ul></li>"]
    intro += ["</ul>",
              "<p><b>Style.</b> Drag <code>kg.grass</code> (beside this guide, in docs/browser of the kg "
              "checkout, or from http://localhost:8001/kg.grass) onto this Browser window: it colours "
              "each label by family and picks a readable caption. <code>:style</code> shows the style "
              "in use; <code>:style reset</code> goes back to Browser's own.</p>",
              _pre(":style"),
              "<p>The whole schema, drawn with that style:</p>",
              _pre("CALL db.schema.visualization()"),
              "<p><b>Queries.</b> The next slides hold kg's canned queries (<code>kg query --list</code>), "
              "by group. Each comes with a block of <code>:param</code> commands that sets its parameters "
              "to example values, then the query exactly as kg runs it, with <code>LIMIT $row_limit</code> "
              f"(kg's row limit; {ROW_LIMIT} here). Click a block to put it in the editor, then run it. "
              "<code>:params</code> lists the parameters set.</p>",
              "<ol>", *(f"<li>{_text(g.capitalize())}: {_text(GROUP_INTROS.get(g, ''))}</li>"
                        for g in GROUPS), "</ol>",
              "</div>", "</slide>"]
    lines += intro
    for group in GROUPS:
        members = [q for q in queries.values() if q.group == group]
        if not members:
            continue
        lines += ['<slide class="row-fluid">', '<div class="col-sm-12">',
                  f"<h3>{_text(group.capitalize())}</h3>", _p(GROUP_INTROS.get(group, ""))]
        for query in members:
            lines += _query_section(query)
        lines += ["</div>", "</slide>"]
    lines += ["</carousel>", "</article>", ""]
    return "\n".join(lines)


# --- kg.grass -----------------------------------------------------------------------------

def _darker(colour: str, factor: float = 0.8) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * factor):02X}" for c in (r, g, b))


def _text_colour(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#FFFFFF" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else "#2A2C34"


def caption_properties(caption: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", caption)


def grass(schema: Schema) -> str:
    """kg.grass: Browser's default node and relationship rules, then one rule per label and type."""
    rules = [("node", {"diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC", "border-width": "2px",
                       "text-color-internal": "#FFFFFF", "font-size": "10px"}),
             ("relationship", {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
                               "text-color-external": "#000000", "text-color-internal": "#FFFFFF",
                               "caption": "'<type>'"})]
    for label in schema.nodes:
        _, colour, caption, diameter = STYLES.get(label, DEFAULT_STYLE)
        rules.append((f"node.{label}", {"color": colour, "border-color": _darker(colour),
                                        "text-color-internal": _text_colour(colour), "diameter": f"{diameter}px",
                                        "caption": f"'{caption}'"}))
    for rel in schema.relationships:
        rules.append((f"relationship.{rel}", {"color": "#6B7280" if rel in CHAIN else "#A5ABB6",
                                              "shaft-width": f"{CHAIN.get(rel, 1)}px", "caption": "'<type>'"}))
    return "".join(f"{selector} {{\n" + "".join(f"  {k}: {v};\n" for k, v in props.items()) + "}\n"
                   for selector, props in rules)


# --- saved scripts --------------------------------------------------------------------------

def saved_script(query: CannedQuery) -> str:
    """A .cypher file for Browser's saved scripts: the first comment line names it."""
    lines = [f"// {query.title}", f"// kg canned query {query.name} ({query.group}); set its parameters first:"]
    lines += [f"// {line}" for line in param_lines(query)]
    return "\n".join(lines) + "\n" + runnable(query) + "\n"


# --- files -------------------------------------------------------------------------------

def files(queries: dict[str, CannedQuery] | None = None, schema: Schema | None = None) -> dict[str, str]:
    """Every file of the folder, by path relative to it."""
    queries = catalogue() if queries is None else queries
    schema = load_schema() if schema is None else schema
    out = {"guide.html": guide(queries, schema), "kg.grass": grass(schema), "nginx.conf": NGINX}
    out.update({f"saved-scripts/{q.name}.cypher": saved_script(q) for q in queries.values()})
    return out


def stale(folder: Path, wanted: dict[str, str]) -> list[str]:
    """The files of `folder` that differ from `wanted` or are missing, and saved scripts left over."""
    scripts = folder / "saved-scripts"
    found = {f"saved-scripts/{p.name}" for p in scripts.glob("*.cypher")} if scripts.is_dir() else set()
    return sorted({name for name, text in wanted.items()
                   if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text}
                  | (found - set(wanted)))


def main(argv: list[str]) -> int:
    """Write the Browser files (from a checkout), or with --check exit 1 when one is stale."""
    args = [a for a in argv if a != "--check"]
    folder = Path(args[0] if args else FOLDER)
    wanted = files()
    if "--check" in argv:
        bad = stale(folder, wanted)
        for name in bad:
            print(f"stale: {folder / name} (run python -m kg.browser)")
        return 1 if bad else 0
    for name in stale(folder, wanted):
        path = folder / name
        if name in wanted:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted[name], encoding="utf-8")
            print(f"wrote {path}")
        else:
            path.unlink()  # a query that no longer exists
            print(f"removed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
