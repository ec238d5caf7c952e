"""The Neo4j Browser guide, GraSS style and saved scripts in docs/browser (kg.browser)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kg import browser
from kg.canned import GROUPS, answer, catalogue
from kg.model import load_schema
from kg.stores import open_store

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / browser.FOLDER


class Guide(HTMLParser):
    """The slides of a guide, each with its runnable blocks' text in order; the tags seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.slides: list[list[str]] = []
        self.tags: list[str] = []
        self.open: list[str] = []
        self.block: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.open.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "slide":
            self.slides.append([])
        if tag == "pre" and {"code", "runnable"} <= set(classes):
            assert self.slides, "a runnable block outside a slide"
            self.block = []

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()
        if tag == "pre" and self.block is not None:
            self.slides[-1].append("".join(self.block))
            self.block = None

    def handle_data(self, data):
        if self.block is not None:
            self.block.append(data)


@pytest.fixture(scope="module")
def guide() -> Guide:
    parser = Guide()
    parser.feed((FOLDER / "guide.html").read_text(encoding="utf-8"))
    parser.close()
    assert parser.open == []
    return parser


def grass_rules(text: str) -> dict[str, dict[str, str]]:
    rules = {}
    for selector, props in re.findall(r"^([\w.]+) \{\n(.*?)^\}\n", text, re.S | re.M):
        rules[selector] = dict(re.findall(r"^  ([\w-]+): (.*);$", props, re.M))
    assert "".join(f"{s} {{" for s in rules) == "".join(re.findall(r"^[\w.]+ \{", text, re.M))
    return rules


def test_files_are_current():
    assert browser.stale(FOLDER, browser.files()) == [], "run `python -m kg.browser`"
    assert browser.main(["--check", str(FOLDER)]) == 0


def test_check_finds_stale_missing_and_left_over_files(tmp_path, capsys):
    assert browser.main(["--check", str(tmp_path)]) == 1
    assert browser.main([str(tmp_path)]) == 0
    assert browser.main(["--check", str(tmp_path)]) == 0
    (tmp_path / "kg.grass").write_text("node {}\n", encoding="utf-8")
    (tmp_path / "saved-scripts" / "gone.cypher").write_text("RETURN 1\n", encoding="utf-8")
    assert browser.stale(tmp_path, browser.files()) == ["kg.grass", "saved-scripts/gone.cypher"]
    assert browser.main([str(tmp_path)]) == 0
    assert not (tmp_path / "saved-scripts" / "gone.cypher").exists()
    assert browser.main(["--check", str(tmp_path)]) == 0
    capsys.readouterr()


def test_guide_is_a_browser_guide_with_a_slide_per_group(guide):
    assert guide.tags[:2] == ["article", "carousel"]
    html = (FOLDER / "guide.html").read_text(encoding="utf-8")
    assert '<article class="guide">' in html and '<carousel class="deck container-fluid">' in html
    assert html.count('<slide class="row-fluid">') == len(guide.slides) == 1 + len(GROUPS)
    assert ":style" in guide.slides[0] and "kg.grass" in html


def test_every_query_runs_in_the_guide_as_kg_runs_it_after_its_parameters(guide):
    queries = catalogue()
    for group, slide in zip(GROUPS, guide.slides[1:]):
        members = [q for q in queries.values() if q.group == group]
        blocks = [b for b in slide if not b.startswith(":param")]
        assert blocks == [browser.runnable(q) for q in members], group
        for query in members:
            # The text kg runs with a row limit (kg.canned.answer), less the // header.
            kg_runs = f"{query.text.rstrip()}\nLIMIT $row_limit"
            block = browser.runnable(query)
            assert kg_runs.endswith("\n" + block)
            assert all(line.startswith("//") for line in kg_runs[:-len(block)].splitlines())
            where = slide.index(block)
            assert where > 0 and slide[where - 1].startswith(":param"), query.name
            set_before = set(re.findall(r"^:param (\w+) => .*;$", slide[where - 1], re.M))
            assert len(set_before) == len(slide[where - 1].splitlines())  # one :param a line
            used = set(re.findall(r"\$(\w+)", block))
            assert used == set(query.parameters) | set(query.data) | {"row_limit"}
            assert used <= set_before, f"{query.name}: {sorted(used - set_before)} not set"
    assert sum(len(s) for s in guide.slides[1:]) == 2 * len(queries)


def test_parameter_values_are_cypher_literals_of_what_kg_passes(tmp_path):
    """Each :param value, evaluated by a store, is the value `CannedQuery.bind` passes (themes too)."""
    with open_store("ladybug", str(tmp_path / "db")) as store:
        for query in catalogue().values():
            values = browser.example_values(query)
            assert {k: v for k, v in values.items() if k != "row_limit"} == \
                query.bind({k: str(v) for k, v in browser.EXAMPLES.items() if k in query.parameters})
            for name, value in values.items():
                assert store.run(f"RETURN {browser.literal(value)} AS v", {})[1] == [[value]], (query.name, name)
    assert browser.literal("it's a \\ test") == "'it\\'s a \\\\ test'"


def test_guide_examples_give_rows(seeds_db):
    with open_store("ladybug", str(seeds_db), read_only=True) as store:
        for query in catalogue().values():
            values = browser.example_values(query)
            columns, rows = store.run(browser.runnable(query), values)
            assert tuple(columns) == query.columns and 0 < len(rows) <= browser.ROW_LIMIT, query.name
            assert [r[0] for r in rows] == [r[0] for r in answer(query, store, values, browser.ROW_LIMIT)[1]]


def test_grass_styles_every_label_and_type_with_captions_from_the_schema():
    schema = load_schema()
    rules = grass_rules((FOLDER / "kg.grass").read_text(encoding="utf-8"))
    assert set(rules) == {"node", "relationship"} | {f"node.{label}" for label in schema.nodes} \
        | {f"relationship.{rel}" for rel in schema.relationships}
    colours = set()
    for label, node in schema.nodes.items():
        rule = rules[f"node.{label}"]
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["color"]) and re.fullmatch(r"\d+px", rule["diameter"])
        colours.add(rule["color"])
        caption = re.fullmatch(r"'(.+)'", rule["caption"]).group(1)
        properties = browser.caption_properties(caption)
        assert properties and set(properties) <= set(node.properties) | {"id"}, label
        assert label in browser.STYLES, f"{label}: add a style to kg.browser.STYLES"
    assert len(colours) == len(schema.nodes)
    for rel in schema.relationships:
        assert rules[f"relationship.{rel}"]["caption"] == "'<type>'"


def test_saved_scripts_name_each_query_and_run_it():
    for query in catalogue().values():
        text = (FOLDER / "saved-scripts" / f"{query.name}.cypher").read_text(encoding="utf-8")
        first, *rest = text.splitlines()
        assert first == f"// {query.title}"
        assert text.endswith("\n" + browser.runnable(query) + "\n")
        comments = [line for line in rest if line.startswith("// :param ")]
        assert {re.match(r"// :param (\w+) =>", c).group(1) for c in comments} == \
            set(query.parameters) | set(query.data) | {"row_limit"}


def test_compose_serves_the_folder_with_cors_only_when_asked():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["guide"]
    assert service["profiles"] == ["guide"]
    assert f"127.0.0.1:{browser.PORT}:80" in service["ports"]
    assert "./docs/browser:/usr/share/nginx/html:ro" in service["volumes"]
    assert "./docs/browser/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in service["volumes"]
    conf = (FOLDER / "nginx.conf").read_text(encoding="utf-8")
    assert 'add_header Access-Control-Allow-Origin "*" always;' in conf
    assert conf.count("{") == conf.count("}")
