"""The `kg` command: a thin layer of click commands over the library.

Exit codes: 0 done; 1 done with errors (bad inputs were reported and skipped,
the rest loaded) or the command failed (message on stderr); 2 usage error.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from kg import output
from kg.build import Report, assemble, build, merge
from kg.canned import QueryError, answer, catalogue, get
from kg.records import write_jsonl
from kg.stores import StoreError, open_store
from loaders import SUFFIXES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def store_options(func):
    """--db / --neo4j: where the graph lives."""

    @click.option("--db", "db", type=click.Path(file_okay=False, path_type=Path), envvar="KG_DB",
                  default=Path("kg.db"), show_default=True,
                  help="Folder of the embedded LadybugDB database [env KG_DB].")
    @click.option("--neo4j", "neo4j_uri", metavar="URI", envvar="NEO4J_URI",
                  help="Use the Neo4j server at this bolt:// or neo4j:// URI instead "
                       "[env NEO4J_URI; NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE].")
    @functools.wraps(func)
    def wrapper(*args, db, neo4j_uri, **kwargs):
        ctx = click.get_current_context()
        from_line = click.core.ParameterSource.COMMANDLINE
        if neo4j_uri and ctx.get_parameter_source("db") == from_line:
            if ctx.get_parameter_source("neo4j_uri") == from_line:
                raise click.UsageError("give --db or --neo4j, not both")
            neo4j_uri = None  # an explicit --db beats NEO4J_URI from the environment
        where = ("neo4j", neo4j_uri) if neo4j_uri else ("ladybug", str(db))
        return func(*args, store=where, **kwargs)

    return wrapper


def format_option(func):
    return click.option("--format", "-f", "fmt", type=click.Choice(output.FORMATS), default="table",
                        show_default=True, help="Output format.")(func)


def params_option(func):
    return click.option("--param", "-p", "params", type=(str, str), multiple=True, metavar="KEY VALUE",
                        help="A query parameter; repeat for more.")(func)


def open_or_fail(where: tuple[str, str], read_only: bool = False):
    try:
        return open_store(*where, read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def report_problems(report: Report) -> None:
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)


def progress_bar():
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())


def report_option(func):
    return click.option("--format", "-f", "fmt", type=click.Choice(output.FORMATS), default="table",
                        show_default=True,
                        help="Format of the per-file report of what was found (json: with every warning).")(func)


def completeness(report: Report, fmt: str) -> str:
    """The per-file report: what each input yielded and how many warnings and errors it gave."""
    files = report.completeness()
    if fmt == "json":
        return output.render(list(files[0]) if files else [], [list(f.values()) for f in files], fmt)
    rows = [[Path(f["document"]).name, "\n".join(f"{n} {label}" for label, n in f["nodes"].items()),
             sum(f["relationships"].values()), len(f["warnings"]), len(f["errors"])] for f in files]
    return output.render(["file", "found", "links", "warnings", "errors"], rows, fmt, "what each file yielded",
                         whole_first=False)


def finish(report: Report, fmt: str | None = None, err: bool = False) -> None:
    """The per-file report (in `fmt`, on stderr when `err`) and the graph's counts; exit 1 on rejected input."""
    if not report.loaded:
        raise click.ClickException("no reports or record files there (looked for "
                                   + ", ".join(SUFFIXES) + ")")
    report_problems(report)
    if fmt:
        click.echo(completeness(report, fmt), nl=False, err=err)
    counts = report.graph.counts()
    summary = ", ".join(f"{n} {name}" for name, n in counts.items()) or "nothing"
    files = len(report.loaded)
    click.echo(f"{files} file{'s' * (files != 1)}: {summary}", err=True)
    if report.errors:
        raise SystemExit(1)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="kg")
def cli():
    """kg: a knowledge graph of development programmes, outcomes and evaluations.

    Build it from evaluation reports and record files, then ask it questions
    with canned queries or Cypher. The graph lives in an embedded LadybugDB
    database (./kg.db) unless --neo4j names a Neo4j server.
    """


@cli.command(name="build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@report_option
@store_options
def build_command(paths, fmt, store):
    """Load reports and record files (folders recursively) into the graph store.

    Re-running on the same inputs changes nothing. Bad inputs are reported with
    their file and line and skipped; everything else is stored. Prints what
    each file yielded; warnings name what looked present but could not be read.
    """
    with open_or_fail(store) as db, progress_bar() as bar:
        reading = bar.add_task("reading", total=None)
        writing = bar.add_task("writing", total=None, visible=False)

        def on_write(n):
            bar.update(writing, advance=n, visible=True)

        try:
            report = build(list(paths), db, on_file=lambda _: bar.advance(reading), on_write=on_write)
        except StoreError as exc:
            raise click.ClickException(f"nothing was stored: {exc}") from None
    finish(report, fmt)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", type=click.File("w", encoding="utf-8"), default="-",
              help="JSON Lines file to write [default: standard output].")
@report_option
def extract(paths, out, fmt):
    """Read reports and record files and write their records as JSON Lines, for review.

    The records are merged and validated as a build would store them; each
    carries its evidence (document, line span, quote). The per-file report goes
    to standard output when the records go to a file, else to standard error.
    """
    report = assemble(list(paths))
    write_jsonl([*report.graph.nodes(), *report.graph.edges()], out)
    finish(report, fmt, err=out.name == "<stdout>")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@report_option
def validate(paths, fmt):
    """Check reports and record files against the schema without storing anything."""
    finish(assemble(list(paths)), fmt)


@cli.command()
@click.argument("name", required=False)
@params_option
@click.option("--list", "list_", is_flag=True, help="List the canned queries and their parameters.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most this many rows.")
@format_option
@store_options
def query(name, params, list_, limit, fmt, store):
    """Run the canned query NAME (see --list, and docs/queries.md for each one's parameters and columns).

    Example: kg query supporters -p target PLAN/LAO/SIXTH-NSEDP
    """
    if list_:
        rows = [[q.group, q.name, q.title, ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.parameters.values())]
                for q in catalogue().values()]
        click.echo(output.render(["group", "name", "title", "parameters"], rows, fmt,
                                 "canned queries (parameter? = optional); docs/queries.md has them in full"), nl=False)
        return
    if not name:
        raise click.UsageError("name a query, or use --list")
    canned, columns, rows = run_canned(name, params, store, limit)
    click.echo(output.render(columns, rows, fmt, canned.title), nl=False)


def run_canned(name: str, params, store, limit: int | None = None):
    """Canned query `name` run on the store with text parameters: the query, its columns and rows."""
    try:
        canned = get(name)
        values = canned.bind(dict(params))
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    with open_or_fail(store, read_only=True) as db:
        try:
            columns, rows = answer(canned, db, values, limit)
        except StoreError as exc:
            raise click.ClickException(f"query {name} failed: {exc}") from None
    return canned, columns, rows


@cli.command(name="plot")
@click.argument("kind", type=click.Choice(["coverage", "alignment"]))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: .png, .svg or .html.")
@params_option
@store_options
def plot_command(kind, out, params, store):
    """Draw a picture of the graph: coverage or alignment.

    coverage: outcomes × frameworks (UNDAFs, national plans, SDGs), each cell
    counting the framework's parts the outcome serves (query alignment-matrix;
    -p country KHM). alignment: projects → outcomes → framework parts →
    frameworks, stated links solid, inferred dashed (query alignment; -p project
    WEDGE). An .html file is one page that works offline: the picture, with
    tooltips, and its data as a table.
    """
    from kg import plot  # matplotlib loads only for pictures

    try:
        plot.check_suffix(kind, out)
    except plot.PlotError as exc:
        raise click.BadParameter(str(exc), param_hint="-o/--output") from None
    canned, columns, rows = run_canned(plot.PLOTS[kind].query, params, store)
    given = f" ({', '.join(f'{key} {value}' for key, value in params)})" if params else ""
    try:
        plot.write(kind, columns, rows, out, canned.title + given)
    except plot.PlotError as exc:
        raise click.ClickException(f"{exc}{given}") from None
    click.echo(f"wrote {out}", err=True)


@cli.command()
@click.argument("text", metavar="QUERY")
@params_option
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@format_option
@store_options
def cypher(text, params, write, fmt, store):
    """Run a Cypher QUERY; read-only unless --write.

    Parameter values are read as JSON where they parse (5, true, ["a"]) and as
    text otherwise: -p code LAO101.
    """
    values = {key: _json_or_text(value) for key, value in params}
    with open_or_fail(store, read_only=not write) as db:
        try:
            columns, rows = db.run(text, values, write=write)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(output.render(columns, rows, fmt), nl=False)


def _json_or_text(value: str):
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


@cli.command(name="search")
@click.argument("text")
@click.option("--label", "labels", multiple=True, metavar="LABEL",
              help="Search only nodes of this label (Recommendation, ManagementResponse, Lesson, GoodPractice); "
                   "repeat for more.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most this many rows.")
@click.option("--lucene", is_flag=True, help="Neo4j only: TEXT is a Lucene query (\"a phrase\", train*, a OR b).")
@format_option
@store_options
def search_command(text, labels, limit, lucene, fmt, store):
    """Find recommendations, management responses, lessons and good practices by words in their text.

    Every word of TEXT must be there, in any case; the best matches come first,
    with the evaluation that made or identified each. Neo4j uses its full-text
    index kg_text (whole words; special characters are searched as text unless
    --lucene). The embedded store has no full-text index: it scans the texts for
    the words (also inside longer words) and ranks by how often they occur.
    Finding nothing is not an error.
    """
    from kg.model import searchable

    if not text.strip():
        raise click.UsageError("give one or more words to search for")
    if lucene and store[0] != "neo4j":
        raise click.UsageError("--lucene needs --neo4j: the embedded store has no full-text index")
    with open_or_fail(store, read_only=True) as db:
        known = searchable(db.schema)
        for label in labels:
            if label not in known:
                raise click.BadParameter(f"{label!r} has no searchable text; choose from {', '.join(known)}",
                                         param_hint="--label")
        if db.name == "ladybug":
            click.echo("note: the embedded store scans for the words, not a ranked full-text index "
                       "(use --neo4j for that)", err=True)
        try:
            columns, rows = db.search(text, limit, labels, lucene)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    if not rows:
        click.echo("no matches", err=True)
    click.echo(output.render(columns, rows, fmt, f"search: {' '.join(text.split())}"), nl=False)


def stats_stores(db: Path, neo4j_uri: str | None, pick: str | None) -> list[tuple[str, str]]:
    """The stores `kg stats` counts: the one --store picks, else both when both are configured.

    Both: NEO4J_URI (or --neo4j) is set and the --db folder (KG_DB, ./kg.db) holds a database.
    Otherwise one, as the other commands choose it: an explicit --db beats NEO4J_URI.
    """
    from kg.stores.ladybug import DB_FILE

    ctx = click.get_current_context()
    from_line = click.core.ParameterSource.COMMANDLINE
    db_given, neo4j_given = (ctx.get_parameter_source(p) == from_line for p in ("db", "neo4j_uri"))
    if db_given and neo4j_given:
        raise click.UsageError("give --db or --neo4j, not both (kg stats shows both stores side by side "
                               "when NEO4J_URI is set and the --db folder holds a database)")
    embedded, server = ("ladybug", str(db)), ("neo4j", neo4j_uri)
    if pick == "ladybug":
        return [embedded]
    if pick == "neo4j":
        if not neo4j_uri:
            raise click.UsageError("--store neo4j needs --neo4j URI or NEO4J_URI")
        return [server]
    if neo4j_uri and (db / DB_FILE).exists():
        return [embedded, server]
    return [server] if neo4j_uri and not db_given else [embedded]


@cli.command()
@format_option
@click.option("--store", "pick", type=click.Choice(["ladybug", "neo4j"]),
              help="Count only this store [default: both side by side when both are configured].")
@click.option("--db", "db", type=click.Path(file_okay=False, path_type=Path), envvar="KG_DB",
              default=Path("kg.db"), show_default=True, help="Folder of the embedded LadybugDB database [env KG_DB].")
@click.option("--neo4j", "neo4j_uri", metavar="URI", envvar="NEO4J_URI",
              help="The Neo4j server at this bolt:// or neo4j:// URI "
                   "[env NEO4J_URI; NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE].")
def stats(fmt, pick, db, neo4j_uri):
    """Count the nodes per label and relationships per type in the store.

    When NEO4J_URI (or --neo4j) is set and the --db folder holds a database,
    both stores are counted side by side and the counts that differ are
    marked; --store picks one. Exit 1 when a store cannot be counted (the
    other's counts are still printed).
    """
    where = stats_stores(db, neo4j_uri, pick)
    counts, failed = {}, []
    for store in where:
        try:
            with open_store(*store, read_only=True) as opened:
                counts[store[0]], schema = opened.counts(), opened.schema
        except StoreError as exc:
            if len(where) == 1:
                raise click.ClickException(str(exc)) from None
            failed.append(f"{store[0]} not counted: {exc}")
    if len(counts) == 1:
        (name, found), = counts.items()
        location = dict(where)[name]
        rows = [[label, "node" if label in schema.nodes else "relationship", n] for label, n in found.items()]
        click.echo(output.render(["name", "kind", "count"], rows, fmt, f"{name}: {location}"), nl=False)
    elif counts:
        ladybug, neo4j = counts["ladybug"], counts["neo4j"]
        differ = [label for label in ladybug if ladybug[label] != neo4j.get(label)]
        rows = [[label, "node" if label in schema.nodes else "relationship", n, neo4j.get(label),
                 (label in differ) if fmt == "json" else "*" * (label in differ)] for label, n in ladybug.items()]
        title = f"ladybug: {where[0][1]}   neo4j: {where[1][1]}   (* differs)"
        click.echo(output.render(["name", "kind", "ladybug", "neo4j", "differs"], rows, fmt, title), nl=False)
        click.echo(f"{len(differ)} of {len(rows)} counts differ between the stores" if differ
                   else f"the stores hold the same counts ({len(rows)} labels and types)", err=True)
    for message in failed:
        click.echo(f"error: {message}", err=True)
    if failed:
        raise SystemExit(1)


def base_iri_option(func):
    return click.option("--base-iri", "base", metavar="IRI", envvar="KG_BASE_IRI",
                        help="Namespace of node IRIs [env KG_BASE_IRI; default: the schema's base_iri + id/].")(func)


def vocabulary(base: str | None):
    from kg.rdf import IriError, Vocabulary

    try:
        return Vocabulary(base=base)
    except IriError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-iri") from None


@cli.group(name="export")
def export_group():
    """Write the graph out for other systems: `kg export rdf`."""


@export_group.command(name="rdf")
@click.option("--format", "-f", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "trig"]), default="turtle",
              show_default=True, help="RDF syntax.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write [default: standard output]; written whole or not at all.")
@base_iri_option
@store_options
def export_rdf(fmt, out, base, store):
    """Write the graph as RDF on standard vocabularies (SKOS, ORG, PROV-O, DCTERMS, schema.org).

    Each fact is linked to the documents and excerpts (line range and quote) it
    was read from; a VoID/DCAT description of the dataset comes last (its
    creation time is SOURCE_DATE_EPOCH where set). The same graph gives the
    same IRIs on every run. schema/kg.owl.ttl is the vocabulary,
    schema/shapes.ttl its SHACL shapes, schema/context.jsonld the JSON-LD context.
    """
    from kg.rdf import export

    vocab = vocabulary(base)
    with open_or_fail(store, read_only=True) as db, progress_bar() as bar:
        task = bar.add_task("writing", total=sum(db.counts().values()))

        def records():
            for record in db.records():
                bar.advance(task)
                yield record

        try:
            if out is None:
                done = export(records(), sys.stdout, fmt, vocab)
            else:
                partial = out.with_name(out.name + ".partial")
                try:
                    with partial.open("w", encoding="utf-8") as stream:
                        done = export(records(), stream, fmt, vocab)
                    partial.replace(out)
                finally:
                    partial.unlink(missing_ok=True)
        except StoreError as exc:
            raise click.ClickException(f"export failed: {exc}") from None
        except BrokenPipeError:  # the reader of standard output stopped early (| head)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    for edge in done.skipped:
        click.echo(f"warning: not exported: {edge.type} {edge.source!r} -> {edge.target!r} (an end is not stored)", err=True)
    click.echo(f"{done.triples} triples about {done.nodes} nodes ({fmt})" + (f" in {out}" if out else ""), err=True)


@cli.group(name="import")
def import_group():
    """Read other systems' files into the graph: `kg import rdf`."""


@import_group.command(name="rdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", help="RDF syntax of every FILE (turtle, nt, trig, nquads, json-ld, xml) "
                                            "[default: from each file's suffix].")
@base_iri_option
@store_options
def import_rdf(files, fmt, base, store):
    """Load RDF files into the graph store: kg's own exports, or RDF from other tools.

    Classes and predicates kg knows (its own, and the standard ones its export
    uses) become nodes, properties and relationships; everything else is
    counted and reported as skipped. A file with a syntax error is reported
    with its line and column and nothing of it is stored; the other files are.
    Re-importing the same files changes nothing.
    """
    from kg.rdf.reader import RdfSyntaxError, read_rdf

    vocab = vocabulary(base)
    records, failed = [], False
    for path in files:
        try:
            read = read_rdf(path, vocab, fmt)
        except RdfSyntaxError as exc:
            click.echo(f"error: {exc}; nothing of it was stored", err=True)
            failed = True
            continue
        for error in read.errors:
            click.echo(f"error: {error}", err=True)
        for what, n in sorted(read.skipped.items()):
            click.echo(f"{path}: skipped {n} {what}", err=True)
        failed |= bool(read.errors)
        records += read.records
    with open_or_fail(store) as db, progress_bar() as bar:
        graph = merge(records, db)
        for warning in graph.warnings:
            click.echo(f"warning: {warning}", err=True)
        for error in graph.errors:
            click.echo(f"error: {error}", err=True)
        task = bar.add_task("writing", total=sum(graph.counts().values()))
        try:
            db.write(graph, lambda n: bar.advance(task, n))
        except StoreError as exc:
            raise click.ClickException(f"nothing was stored: {exc}") from None
    summary = ", ".join(f"{n} {name}" for name, n in graph.counts().items()) or "nothing"
    click.echo(f"{len(files)} file{'s' * (len(files) != 1)}: {summary}", err=True)
    if failed or graph.errors:
        raise SystemExit(1)


def main():
    cli(prog_name="kg")
