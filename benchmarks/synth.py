"""A synthetic kg graph of any size, shaped like the seed reports, for the scale benchmarks.

`synthesise(nodes, seed)` grows a KnowledgeGraph country-programme cycle by
cycle until it holds about `nodes` nodes (within 5% from 10^4 up), through the
same `KnowledgeGraph.add` and `validate` the loaders' records go through, with
ids in the loaders' style (loaders/report/ids.py). Every label and relationship
type of schema/kg.yaml is populated; every record has evidence (a synthetic
document, line and quote). The same seed gives the same graph.

Shape (seeds: measured with `kg build ../shared/seeds` and Cypher; the rest chosen):

- World: 17 SDGs with their 169 targets, 30 ILO conventions, 34 ILO units,
  20 UN agencies, 21 donors (each with a partnership programme), 14
  intergovernmental bodies, 6 NGOs; 10 P&B outcomes per biennium.
- Countries: one per 1,500 nodes asked, up to all 249 ISO alpha-3 codes, each
  with ~20 organisations (ministries "KHM/MOL", employers' and workers'
  organisations, NGOs, the ILO office). Growth adds cycles (~210 nodes each)
  round the countries: 6-7 a country at 10^4 and 10^5 (back to 1996), 19 at
  10^6 (back to 1948: beyond any real corpus, a stress test).
- A cycle is a 4-year programme (a DWCP from 2006, a CP before), newest first
  from 2020-2023: an UNDAF (3 pillars of 2-3 outcomes; seeds 7.7 a framework),
  a national development plan (3-6 priorities, 30% with 2-4 sub-priorities)
  and 2-4 sector plans; 3-5 priorities of 2-5 outcomes (seeds 4.5 and 3.5);
  a DWCP's 3-5 DWCP outcomes each MAPS_TO 2-4 outcomes (seeds: 4, 2-4).
  Outcomes of the previous cycle MAPS_TO this one's (30% keep the code, as
  "KHM156/2019-20"), each outcome MAPS_TO one P&B outcome of its biennium.
- Alignment (ALIGNS_WITH): priorities to the national plan 80% (seeds LAO
  4/4); DWCP outcomes to 2-4 UNDAF outcomes, 1-2 plan priorities, 0-2 plans,
  stated (seeds 2.75, 1.2, 1.2); outcomes to a plan priority 40% and an UNDAF
  outcome 30% (70% stated); to 1-2 SDG targets 70% and a goal 20% (stated)
  from 2016, to a target 30% (inferred) before.
- Projects: 12-30 a cycle (seeds ~35 and ~15 a programme), 85% with a DC
  symbol, 5% regional (2-4 countries; seeds 1.05 countries a project);
  55% CONTRIBUTES_TO 1-4 outcomes weighted 23:5:1:1 (seeds), skewed to
  popular outcomes (seeds 2.1 projects an outcome); 15% PART_OF their donor's
  partnership programme; 80% FUNDED_BY a donor (10% two); PARTNERS_WITH
  (stated) a ministry, and employers' 40%, workers' 40%, an NGO 25%, a UN
  agency 20%; 20% with 2-3 project outcomes. A programme PARTNERS_WITH
  (inferred) its constituents: the labour ministry, employers and workers.
- Evaluations: a country programme review 35% of cycles; 30% of projects
  evaluated, 25% of those clustered with 1-2 others; one Governing Body paper
  of 3 high-level evaluations every 12 cycles (seeds: one of 3).
  Recommendations 10-24 / 4-14 / 6-10 (seeds 14, 23 / 4, 14 / 7, 7, 9);
  15% of evaluations have one with 2-5 lettered sub-items (seeds 1 of 7, 5);
  30% ADDRESSED_TO 1-5 organisations, 85% ILO units (seeds 30%, 2.9, ILO
  units); a management response to all of a high-level evaluation's and 20%
  of the others' (seeds 23 of 78), status as in the seeds (52% none).
  Project evaluations: 1-3 lessons, 0-3 good practices (seeds 2, 2), 30% rate
  the project on 6 criteria. Reviews rate 60% of outcomes on 5 criteria and a
  total (seeds 25 outcomes, 6.2 each) and the programme on 7; state the
  expenditure of half the outcomes, the programme budget and ILO
  contributions to 3 UNDAF outcomes over 2 years (seeds 4, 6).
  REFERS_TO 1-7 conventions from 30% of evaluations (seeds 2 of 7, 6 each).
- Themes in recommendation and lesson text, at the seeds' rates: resource
  mobilisation 18%, knowledge sharing 15%, social dialogue 13%, capacity
  building 13%, sustainability 12%, partnership 9%, gender 5%, monitoring and
  evaluation 5%.

`write` stores a graph in parts, as one write of 10^6 nodes needs more memory
than a 24 GB machine has.

    python benchmarks/synth.py --nodes 100000 [--seed 0] [--part 200000] --db DIR
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Iterator

import pycountry

from kg.graph import KnowledgeGraph
from kg.records import Edge, Evidence, Node
from kg.stores import open_store
from loaders.report import ids
from loaders.report.frameworks import SDG_NAMES

NEWEST = 2020  # start year of every country's newest cycle
CYCLE_YEARS = 4
NODES_PER_COUNTRY = 1500
PART_SIZE = 200_000  # nodes a store.write
GB_EVERY = 12  # cycles per Governing Body paper of high-level evaluations

SDG_TARGETS = (5, 5, 9, 7, 6, 6, 3, 10, 5, 7, 7, 8, 3, 7, 9, 10, 19)  # numbered targets a goal
SDG_LETTERED = (2, 3, 4, 3, 3, 2, 2, 2, 3, 3, 3, 3, 2, 3, 3, 2, 0)  # and lettered (a, b, c, d)
ILO_TARGETS = ("8.3", "8.5", "8.6", "8.7", "8.8", "8.b", "1.3", "5.1", "5.5", "10.4", "10.7", "4.4", "16.10")
CONVENTIONS = (29, 81, 87, 88, 97, 98, 100, 102, 105, 111, 122, 129, 131, 138, 142, 143, 144, 150, 155, 156,
               159, 169, 177, 181, 182, 183, 187, 188, 189, 190)

ILO_UNITS = ("ACTRAV", "ACT/EMP", "EVAL", "PARDEV", "PROGRAM", "SKILLS", "SOCPRO", "LABADMIN/OSH", "ENTERPRISES",
             "EMPLOYMENT", "FUNDAMENTALS", "GEDI", "MIGRANT", "STATISTICS", "RESEARCH", "NORMES", "ITC", "ROAP",
             "ROAF", "ROAS", "ROLAC", "ROEUROPE", "DWT-BANGKOK", "DWT-NEW-DELHI", "DWT-DAKAR", "DWT-PRETORIA",
             "DWT-LIMA", "DWT-SAN-JOSE", "DWT-CAIRO", "DWT-BEIRUT", "DDG/P", "DDG/FOP", "DDG/MR")
UN_AGENCIES = ("UNDP", "UNICEF", "UNFPA", "UNHCR", "UNESCO", "UNIDO", "FAO", "WHO", "WFP", "IOM", "UNWOMEN",
               "UNAIDS", "OHCHR", "UNODC", "UNCTAD", "UNEP", "UN-HABITAT", "IFAD", "UNOPS", "UNV")
DONORS = {"EU": "EEC", "SIDA": "SID", "NORAD": "NOR", "DANIDA": "DAN", "USDOL": "USA", "JICA": "JPN",
          "KOICA": "KOR", "MOEL/ROK": "KOR", "GIZ": "DEU", "SDC": "SWI", "DFAT": "AUS", "MFAT": "NZL",
          "FCDO": "UKM", "IRISH-AID": "IRL", "LUX-DEVELOPMENT": "LUX", "GAC": "CAN", "AFD": "FRA", "AECID": "SPA",
          "ENABEL": "BEL", "FORMIN": "FIN", "MPTF": "UND"}
INTERGOVERNMENTAL = ("ASEAN", "AU", "ECOWAS", "SADC", "EAC", "CARICOM", "SICA", "ADB", "AFDB", "IDB", "WORLD-BANK",
                     "IMF", "WTO", "OECD")
INTERNATIONAL_NGOS = ("CARE", "OXFAM", "SAVE-THE-CHILDREN", "PLAN-INTERNATIONAL", "WINROCK", "SOLIDAR")
MINISTRIES = (("MOL", "Ministry of Labour"), ("MOP", "Ministry of Planning"), ("MOF", "Ministry of Finance"),
              ("MOE", "Ministry of Education"), ("MOH", "Ministry of Health"), ("MOWA", "Ministry of Women's Affairs"),
              ("MOA", "Ministry of Agriculture"), ("MOI", "Ministry of Industry"), ("MOT", "Ministry of Tourism"),
              ("NSSF", "National Social Security Fund"), ("NSO", "National Statistics Office"),
              ("NES", "National Employment Service"), ("NA", "National Assembly"))
EMPLOYERS = ("Federation of Employers", "Chamber of Commerce and Industry")
WORKERS = ("Confederation of Trade Unions", "Federation of Labour", "Trade Union Congress", "Domestic Workers Union")
NGOS = ("Women's Network", "Youth Employment Forum", "Disability Alliance", "Migrant Support Centre",
        "Rural Development Association")

THEMES = (  # share of recommendations and lessons mentioning it (seeds), and how the text says it
    (0.18, "with a resource mobilisation plan agreed with donors"),
    (0.15, "and document results for knowledge sharing across the region"),
    (0.13, "through social dialogue among the tripartite constituents"),
    (0.13, "with capacity building for national counterparts"),
    (0.12, "and plan for the sustainability of results once funding ends"),
    (0.09, "in partnership with other UN agencies"),
    (0.05, "so that gender equality is mainstreamed in every activity"),
    (0.05, "backed by a monitoring and evaluation framework with baselines and targets"),
)
ACTIONS = ("Strengthen", "Review", "Extend", "Consolidate", "Clarify", "Expand", "Prioritise", "Simplify",
           "Refocus", "Scale up")
SUBJECTS = ("the results framework", "support to labour inspection", "the skills development component",
            "the exit strategy", "coordination with the UN country team", "work on social protection floors",
            "technical support to the ministry of labour", "the occupational safety and health component",
            "employment services for young people", "support to small enterprises", "the reporting schedule",
            "work with employers' and workers' organisations", "the project's geographical coverage")
LESSONS = ("Early agreement on roles saves time later", "Pilots convince partners more than studies do",
           "Short project cycles limit what can be achieved", "Local ownership depends on who sets the agenda",
           "Staff turnover among counterparts slows delivery", "Joint planning avoids duplicated effort")
WHO = ("Women and men", "Young people", "Workers in the informal economy", "Government and social partners",
       "Migrant workers", "Rural workers", "Small enterprises", "The labour administration", "Domestic workers")
RESULTS = ("have better access to productive employment", "benefit from wider social protection coverage",
           "apply safer and healthier working practices", "take part in effective social dialogue",
           "use labour market information in policy making", "gain skills that employers ask for",
           "are better protected from child labour and forced labour", "work in a better business environment",
           "see labour law enforced more consistently")
PRIORITIES = ("Employment and skills", "Rights at work and labour governance", "Social protection",
              "Social dialogue", "Sustainable enterprises", "Decent work in the rural economy",
              "Equality and non-discrimination", "Just transition to a green economy")
UN_RESULTS = ("have fair access to quality basic services", "benefit from inclusive economic growth",
              "take part in decisions that affect them", "are more resilient to shocks and climate change",
              "receive accountable and effective public services")
UN_GROUPS = ("People living in poverty", "Women and girls", "Young people", "Vulnerable groups",
             "National institutions", "Rural communities")
SECTOR_PLANS = ("National Employment Strategy", "National Social Protection Strategy", "TVET Master Plan",
                "National OSH Master Plan", "National Plan of Action on Child Labour", "Labour Migration Policy",
                "SME Development Strategy", "National Gender Strategy")
TOPICS = ("Youth employment", "Skills for trade", "Labour inspection", "Social security extension",
          "Safe migration", "Child labour elimination", "Green jobs", "Enterprise development", "Labour law reform",
          "Domestic work", "Rural employment", "Occupational safety and health", "Wage policy")
REVIEW_CRITERIA = ("Delivery of outputs", "Use of outputs by partners", "Progress against indicators",
                   "Risks and opportunities", "Resource adequacy")
PROGRAMME_CRITERIA = ("Relevance and strategic fit", "Coherence of design", "Organisational efficiency",
                      "Effectiveness", "Knowledge management", "Tripartite participation", "overall")
OECD_CRITERIA = ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability")
RATINGS = ("highly unsatisfactory", "unsatisfactory", "somewhat unsatisfactory", "somewhat satisfactory",
           "satisfactory", "highly satisfactory")
STATUSES = (("accepted", 35), ("partially accepted", 10), ("not accepted", 3), (None, 52))
PEOPLE = (("Ana", "Chen", "David", "Fatima", "Hiroshi", "Ines", "Joseph", "Karin", "Lina", "Marco", "Nadia",
           "Omar", "Priya", "Rafael", "Sara", "Tomas"),
          ("Alvarez", "Bauer", "Chanda", "Dlamini", "Eriksen", "Fonseca", "Gupta", "Haddad", "Ito", "Jansen",
           "Kamau", "Lopez", "Mensah", "Nguyen", "Okafor", "Petrov"))
HIGH_LEVEL = ("strategy for decent work in supply chains", "work on social protection",
              "programme of support to skills", "strategy on labour migration", "approach to knowledge management",
              "support to sustainable enterprises", "work on gender equality", "strategy on occupational safety")


class Synth:
    """Builds the graph; one instance a graph, all randomness from one `random.Random`."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.graph = KnowledgeGraph()
        self.document, self.line = "", 0
        self.countries: dict[str, dict] = {}  # ISO3 -> its organisations, code slot, newest cycle's outcomes
        self.cycles = 0
        self.partnerships: dict[str, str] = {}  # donor -> its partnership programme

    # --- records -------------------------------------------------------------------

    def evidence(self, quote: str) -> list[Evidence]:
        self.line += self.rng.randint(1, 4)
        return [Evidence(self.document, self.line, self.line, quote[:120])]

    def node(self, label: str, node_id: str, **props) -> str:
        quote = props.get("text") or props.get("name") or props.get("title") or f"{label} {node_id}"
        props = {k: v for k, v in props.items() if v is not None}
        self.graph.add(Node(label, node_id, props, self.evidence(quote)))
        return node_id

    def edge(self, rel_type: str, source: str, target: str, **props) -> None:
        props = {k: v for k, v in props.items() if v is not None}
        self.graph.add(Edge(rel_type, source, target, props, self.evidence(f"{source} ... {target}")))

    def fresh(self, node_id: str) -> str:
        """`node_id`, or with "-2", "-3"... when a node has it already."""
        n, found = 1, node_id
        while found in self.graph.g:
            n += 1
            found = f"{node_id}-{n}"
        return found

    def coded(self, code: str, biennium: str) -> str:
        """An outcome's id: its code, or code/biennium when another cycle's outcome has the code."""
        return code if code not in self.graph.g else self.fresh(ids.outcome_id(code, biennium))

    def open_document(self, name: str, title: str, fmt: str) -> str:
        """A Document node; the records that follow are evidenced by it."""
        self.document, self.line = name, 0
        rng = self.rng
        return self.node("Document", name, title=title, format=fmt, sha256=f"{rng.getrandbits(256):064x}",
                         size_bytes=rng.randint(8_000, 400_000), line_count=rng.randint(60, 2_500))

    def report(self, title: str) -> str:
        fmt = self.rng.choice(("txt", "pdf", "docx"))
        return self.open_document(f"{self.rng.getrandbits(64):016x}.{fmt}", title, fmt)

    # --- text ------------------------------------------------------------------------

    def themed(self, text: str) -> str:
        return " ".join([text, *(phrase for rate, phrase in THEMES if self.rng.random() < rate)]) + "."

    def person(self) -> str:
        return f"{self.rng.choice(PEOPLE[0])} {self.rng.choice(PEOPLE[1])}"

    def outcome_text(self) -> str:
        return f"{self.rng.choice(WHO)} {self.rng.choice(RESULTS)}"

    # --- the world -----------------------------------------------------------------

    def world(self, nodes: int) -> None:
        self.open_document("records/world.yaml", "Frameworks, instruments and organisations", "yaml")
        for goal, (numbered, lettered) in enumerate(zip(SDG_TARGETS, SDG_LETTERED), 1):
            gid = self.node("SDG", f"SDG{goal}", number=goal, name=SDG_NAMES[goal - 1])
            for target in [*map(str, range(1, numbered + 1)), *"abcd"[:lettered]]:
                self.edge("PART_OF", self.node("SDGTarget", f"SDG{goal}.{target}", code=f"{goal}.{target}"), gid)
        for number in CONVENTIONS:
            self.node("Convention", ids.convention_id(number), number=number)
        for kind, names in (("ILO unit", ("ILO", *ILO_UNITS)), ("UN agency", UN_AGENCIES), ("donor", DONORS),
                            ("intergovernmental", INTERGOVERNMENTAL), ("NGO", INTERNATIONAL_NGOS)):
            for acronym in names:
                self.node("Organization", ids.organisation_id(acronym), name=acronym, acronym=acronym, kind=kind)
        for donor in DONORS:
            name = f"ILO/{donor} Partnership Programme"
            self.partnerships[donor] = self.node("Programme", ids.programme_id(None, name), name=name,
                                                 kind="partnership programme")
            self.edge("FUNDED_BY", self.partnerships[donor], ids.organisation_id(donor), kind="contribution")
        codes = [c.alpha_3 for c in pycountry.countries]
        self.rng.shuffle(codes)
        for code in codes[:max(2, min(len(codes), round(nodes / NODES_PER_COUNTRY)))]:
            self.country(code)

    def country(self, code: str) -> None:
        c = pycountry.countries.get(alpha_3=code)
        name = getattr(c, "common_name", None) or c.name
        self.node("Country", code, name=name, iso2=c.alpha_2)
        orgs = {"government": [], "employers": [], "workers": [], "NGO": []}
        for acronym, title in (MINISTRIES[0], *self.rng.sample(MINISTRIES[1:], self.rng.randint(6, 12))):
            orgs["government"].append(self.node("Organization", ids.organisation_id(acronym, title, code),
                                                name=title, acronym=acronym, kind="government", country=code))
        for kind, titles, low, high in (("employers", EMPLOYERS, 1, 2), ("workers", WORKERS, 2, 4),
                                        ("NGO", NGOS, 1, 4)):
            for title in self.rng.sample(titles, self.rng.randint(low, high)):
                full = f"{name} {title}"
                orgs[kind].append(self.node("Organization", ids.organisation_id(None, full), name=full, kind=kind,
                                            country=code))
        office = self.node("Organization", ids.organisation_id(f"CO-{code}"), name=f"ILO Country Office for {name}",
                           kind="ILO unit", country=code)
        self.countries[code] = {"name": name, "orgs": orgs, "office": office, "slot": 10, "outcomes": []}

    def pb_outcomes(self, biennium: str) -> list[str]:
        """The ten P&B outcomes of a biennium, made on first use."""
        found = [f"P&B/{biennium}/{n}" for n in range(1, 11)]
        if found[0] not in self.graph.g:
            for n, pid in enumerate(found, 1):
                self.node("Outcome", pid, code=f"P&B outcome {n}", kind="P&B outcome", biennium=biennium,
                          text=self.outcome_text())
        return found

    # --- one country programme cycle --------------------------------------------------

    def cycle(self, code: str, age: int) -> None:
        """The programme of `code` that started `age` cycles before the newest one, with all around it."""
        rng, country = self.rng, self.countries[code]
        start = NEWEST - CYCLE_YEARS * age
        end, biennium = start + CYCLE_YEARS - 1, f"{start}-{(start + 1) % 100:02d}"
        dwcp = start >= 2006
        kind = "DWCP" if dwcp else "CP"
        self.open_document(f"records/{code}-{start}-{end}.yaml", f"{kind} {country['name']} {start}-{end}", "yaml")
        prog = self.node("Programme", ids.programme_id(f"{kind}-{code}-{start}-{end}"),
                         name=f"ILO {'Decent Work ' if dwcp else ''}Country Programme {country['name']} {start}-{end}",
                         kind="DWCP" if dwcp else "country programme", start_year=start, end_year=end)
        self.edge("COVERS", prog, code)
        orgs = country["orgs"]
        for org in (orgs["government"][0], *orgs["employers"], *orgs["workers"]):
            self.edge("PARTNERS_WITH", prog, org, role="constituent", basis="inferred")
        if rng.random() < 0.3:
            self.edge("PARTNERS_WITH", prog, rng.choice(orgs["government"][1:]), role="government counterpart",
                      basis="inferred")
        undaf_outcomes = self.undaf(code, start, end)
        plan, plan_priorities, plans = self.plans(code, country["name"], start, end)
        outcomes, priorities = self.outcomes(code, country, prog, biennium, start)
        for priority in priorities:
            if rng.random() < 0.8:
                self.edge("ALIGNS_WITH", priority, plan, basis="stated")
        for outcome in outcomes:
            self.align(outcome, undaf_outcomes, plan_priorities, start)
        if dwcp:
            self.dwcp_outcomes(code, start, end, priorities, outcomes, undaf_outcomes, plan_priorities, plans)
        projects = self.projects(code, country, outcomes, start, end)
        if rng.random() < 0.35:
            self.review(code, country["name"], prog, start, end, outcomes, undaf_outcomes)
        self.project_evaluations(projects, end)
        self.cycles += 1
        if self.cycles % GB_EVERY == 0:
            self.high_level(end + 1)

    def undaf(self, code: str, start: int, end: int) -> list[str]:
        """The UN framework of the period; returns its outcomes."""
        name = f"{'UNSDCF' if start >= 2019 else 'UNDAF'} {start}-{end}"
        fid = self.node("UNDAF", ids.undaf_id(code, start, end), name=name, start_year=start, end_year=end)
        self.edge("COVERS", fid, code)
        found = []
        for pillar in range(1, 4):
            for k in range(1, self.rng.randint(2, 3) + 1):
                text = f"By {end}, {self.rng.choice(UN_GROUPS).lower()} {self.rng.choice(UN_RESULTS)}"
                oid = self.node("UNDAFOutcome", f"{fid}/{pillar}.{k}", code=f"{pillar}.{k}", text=text,
                                ilo_contribution="ILO leads on employment" if self.rng.random() < 0.3 else None)
                self.edge("PART_OF", oid, fid)
                found.append(oid)
        return found

    def plans(self, code: str, country: str, start: int, end: int) -> tuple[str, list[str], list[str]]:
        """The national development plan of the period (its id, its priorities) and all plans of the period."""
        rng, period = self.rng, f"{start}-{end}"
        acronym = f"NSEDP-{start}"
        plan = self.node("NationalPlan", ids.plan_id(code, acronym), name=f"National Socio-Economic Development Plan "
                         f"{period}", acronym=acronym, period=period)
        plans, priorities = [plan], []
        for title in rng.sample(SECTOR_PLANS, rng.randint(2, 4)):
            plans.append(self.node("NationalPlan", self.fresh(ids.plan_id(code, None, f"{title} {period}")),
                                   name=f"{title} {period}", period=period))
        for n in range(1, rng.randint(3, 6) + 1):
            pid = self.node("PlanPriority", f"{plan}/{n}", code=f"Pillar {n}", text=rng.choice(PRIORITIES))
            self.edge("PART_OF", pid, plan)
            priorities.append(pid)
            for m in range(1, rng.randint(2, 4) + 1) if rng.random() < 0.3 else ():
                sub = self.node("PlanPriority", f"{pid}/{m}", code=f"{n}.{m}", text=self.outcome_text())
                self.edge("PART_OF", sub, pid)
                priorities.append(sub)
        for p in plans:
            self.edge("COVERS", p, code)
        return plan, priorities, plans

    def outcomes(self, code: str, country: dict, prog: str, biennium: str, start: int) -> tuple[list, list]:
        """Priorities and their outcomes; the previous cycle's outcomes MAPS_TO these."""
        rng, newer = self.rng, country["outcomes"]
        pb = self.pb_outcomes(biennium)
        outcomes, priorities, codes = [], [], []
        for _ in range(rng.randint(3, 5)):
            slot = country["slot"]
            country["slot"] = slot + 1 if slot < 99 else 10
            pcode = f"{code}{slot * 10}"
            priority = self.node("Outcome", self.coded(pcode, biennium), code=pcode, kind="priority",
                                 text=rng.choice(PRIORITIES), biennium=biennium)
            self.edge("PART_OF", priority, prog)
            priorities.append(priority)
            for k in range(1, rng.randint(2, 5) + 1):
                later, later_code = rng.choice(newer) if newer else (None, None)
                kept = later is not None and rng.random() < 0.3
                ocode = later_code if kept else f"{code}{slot * 10 + k}"
                oid = self.node("Outcome", self.coded(ocode, biennium), code=ocode,
                                kind="country programme outcome", biennium=biennium, text=self.outcome_text())
                self.edge("PART_OF", oid, priority)
                self.edge("MAPS_TO", oid, rng.choice(pb), basis="stated")
                if later:
                    self.edge("MAPS_TO", oid, later, basis="stated" if kept or rng.random() < 0.5 else "inferred")
                if rng.random() < 0.1:
                    self.refers(oid, rng.randint(1, 2))
                outcomes.append(oid)
                codes.append((oid, ocode))
        country["outcomes"] = codes
        return outcomes, priorities

    def align(self, outcome: str, undaf_outcomes: list, plan_priorities: list, start: int) -> None:
        rng = self.rng

        def basis(stated: float) -> str:
            return "stated" if rng.random() < stated else "inferred"

        if rng.random() < 0.4:
            self.edge("ALIGNS_WITH", outcome, rng.choice(plan_priorities), basis=basis(0.7))
        if rng.random() < 0.3:
            self.edge("ALIGNS_WITH", outcome, rng.choice(undaf_outcomes), basis=basis(0.7))
        modern = start >= 2016
        if rng.random() < (0.7 if modern else 0.3):
            for target in rng.sample(ILO_TARGETS, rng.randint(1, 2) if modern else 1):
                self.edge("ALIGNS_WITH", outcome, f"SDG{target}", basis="stated" if modern else "inferred")
        if modern and rng.random() < 0.2:
            self.edge("ALIGNS_WITH", outcome, f"SDG{rng.choice((1, 5, 8, 10))}", basis="stated")

    def dwcp_outcomes(self, code, start, end, priorities, outcomes, undaf_outcomes, plan_priorities, plans) -> None:
        rng = self.rng
        for n in range(1, rng.randint(3, 5) + 1):
            oid = self.node("Outcome", f"DWCP-{code}-{start}-{end}/{n}", code=f"DWCP outcome {n}", kind="DWCP outcome",
                            text=self.outcome_text())
            self.edge("PART_OF", oid, rng.choice(priorities))
            for target in rng.sample(outcomes, min(len(outcomes), rng.randint(2, 4))):
                self.edge("MAPS_TO", oid, target, basis="stated")
            for pool, low, high in ((undaf_outcomes, 2, 4), (plan_priorities, 1, 2), (plans, 0, 2)):
                for target in rng.sample(pool, min(len(pool), rng.randint(low, high))):
                    self.edge("ALIGNS_WITH", oid, target, basis="stated")

    def projects(self, code: str, country: dict, outcomes: list, start: int, end: int) -> list[dict]:
        """The cycle's projects, their countries, donors, partners and outcomes; returns what evaluations need."""
        rng = self.rng
        popular = [1 / (i + 1) for i in range(len(outcomes))]
        found = []
        for serial in range(1, rng.randint(12, 30) + 1):
            donor, regional, topic = rng.choice(list(DONORS)), rng.random() < 0.05, rng.choice(TOPICS)
            name = f"{topic} in {'the region' if regional else country['name']}"
            symbol = f"{'RAS' if regional else code}/{start % 100:02d}/{serial:02d}/{DONORS[donor]}"
            if rng.random() < 0.15:
                symbol = None
            budget = round(rng.lognormvariate(14.2, 0.9), -3)
            pid = self.node("Project", self.fresh(symbol or f"PROJECT/{ids.slug(f'{name} {start}')}"), name=name,
                            dc_symbol=symbol, budget=budget, currency="USD",
                            start_date=f"{start + rng.randint(0, 2)}-{rng.randint(1, 12):02d}-01",
                            end_date=f"{end + rng.randint(0, 2)}-{rng.randint(1, 12):02d}-28")
            covered = [code]
            if regional:
                others = [c for c in self.countries if c != code]
                covered += rng.sample(others, min(len(others), rng.randint(1, 3)))
            for c in covered:
                self.edge("COVERS", pid, c)
            donors = self.partners(pid, country["orgs"], donor, budget, f"{start}-{end}")
            contributes = []
            if rng.random() < 0.55:
                how_many = rng.choices((1, 2, 3, 4), (23, 5, 1, 1))[0]
                contributes = list(dict.fromkeys(rng.choices(outcomes, popular, k=how_many)))
            self.serves(pid, donor, contributes)
            found.append({"id": pid, "symbol": symbol, "name": name, "countries": covered,
                          "donor": donors[0] if donors else None, "budget": budget})
        return found

    def partners(self, pid: str, orgs: dict, donor: str, budget: float, period: str) -> list[str]:
        """FUNDED_BY and PARTNERS_WITH links of a project; returns its donors."""
        rng = self.rng
        donors = [donor] if rng.random() < 0.8 else []
        if donors and rng.random() < 0.1:
            donors.append(rng.choice(list(DONORS)))
        donors = list(dict.fromkeys(donors))
        for d in donors:
            self.edge("FUNDED_BY", pid, ids.organisation_id(d), amount=budget if rng.random() < 0.7 else None,
                      currency="USD", kind="budget", period=period)
        ministry = rng.choice(orgs["government"][:3])
        partners = [(ministry, "constituent" if ministry == orgs["government"][0] else "government counterpart")]
        for kind, rate, role in (("employers", 0.4, "constituent"), ("workers", 0.4, "constituent"),
                                 ("NGO", 0.25, "implementing partner")):
            if rng.random() < rate:
                partners.append((rng.choice(orgs[kind]), role))
        if rng.random() < 0.2:
            partners.append((ids.organisation_id(rng.choice(UN_AGENCIES)), "partner"))
        for org, role in partners:
            self.edge("PARTNERS_WITH", pid, org, role=role, basis="stated")
        return donors

    def serves(self, pid: str, donor: str, contributes: list[str]) -> None:
        """A project's CONTRIBUTES_TO links, its partnership programme and its own project outcomes."""
        rng = self.rng
        for outcome in contributes:
            self.edge("CONTRIBUTES_TO", pid, outcome, basis="stated" if rng.random() < 0.9 else "inferred")
        if rng.random() < 0.15:
            programme = self.partnerships[donor]
            self.edge("PART_OF", pid, programme)
            for outcome in contributes:
                if rng.random() < 0.5:
                    self.edge("CONTRIBUTES_TO", programme, outcome, basis="inferred")
        if rng.random() < 0.2:
            for n in range(1, rng.randint(2, 3) + 1):
                oid = self.node("Outcome", f"{pid}/O{n}", code=f"Outcome {n}", kind="project outcome",
                                text=self.outcome_text())
                self.edge("CONTRIBUTES_TO", pid, oid, basis="stated")
                if contributes:
                    self.edge("MAPS_TO", oid, contributes[0], basis="stated")
        if rng.random() < 0.1:
            self.refers(pid, rng.randint(1, 2))

    def refers(self, source: str, how_many: int) -> None:
        for number in self.rng.sample(CONVENTIONS, how_many):
            self.edge("REFERS_TO", source, ids.convention_id(number))

    # --- evaluations ------------------------------------------------------------------

    def evaluation(self, title: str, base: str, date: str, countries: list[str], doc: str | None = None,
                   **props) -> str:
        """An Evaluation with its Document (a new report unless given) and countries."""
        rng = self.rng
        doc = doc or self.report(title)
        eid = self.node("Evaluation", self.fresh(f"EVAL/{base}/{date[:4]}"), title=title, date=date,
                        manager=self.person(), consultants=[self.person() for _ in range(rng.randint(1, 3))],
                        **props)
        self.edge("SOURCED_FROM", eid, doc)
        for c in countries:
            self.edge("COVERS", eid, c)
        if rng.random() < 0.3:
            self.refers(eid, rng.randint(1, 7))
        return eid

    def recommendations(self, eid: str, how_many: int, responses: float, addressees: list[str]) -> None:
        rng = self.rng
        lettered = rng.randint(1, how_many) if rng.random() < 0.15 else None
        for n in range(1, how_many + 1):
            subs = [f"{n}{c}" for c in "abcde"[:rng.randint(2, 5)]] if n == lettered else []
            for number in (str(n), *subs):
                gist = f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}"
                rid = self.node("Recommendation", f"{eid}/R{number}", number=number, text=self.themed(gist),
                                heading=gist if rng.random() < 0.4 else None,
                                responsible=rng.choice(ILO_UNITS) if rng.random() < 0.25 else None,
                                priority=rng.choice(("High", "Medium", "Low")) if rng.random() < 0.25 else None,
                                time_implication=rng.choice(("Short term", "Medium term", "Long term"))
                                if rng.random() < 0.25 else None,
                                resource_implication=rng.choice(("Low", "Medium", "High"))
                                if rng.random() < 0.25 else None)
                self.edge("MAKES", eid, rid)
                if number != str(n):
                    self.edge("PART_OF", rid, f"{eid}/R{n}")
                if rng.random() < 0.3:
                    for org in rng.sample(addressees, rng.randint(1, 5)):
                        self.edge("ADDRESSED_TO", rid, org)
                if rng.random() < responses:
                    status = rng.choices(*zip(*STATUSES))[0]
                    self.edge("HAS_RESPONSE", rid, self.node(
                        "ManagementResponse", f"{rid}/response", status=status,
                        text=f"The Office {status or 'notes the recommendation'}; follow-up through the next plan."))
                if rng.random() < 0.05:
                    self.refers(rid, 1)

    def addressees(self, countries: list[str]) -> list[str]:
        """Whom recommendations go to: mostly ILO units, some national bodies and UN agencies."""
        units = [ids.organisation_id(u) for u in ILO_UNITS] + [self.countries[c]["office"] for c in countries]
        others = [o for c in countries for kind in ("government", "employers", "workers")
                  for o in self.countries[c]["orgs"][kind]]
        return units + others[:len(units) // 6] + [ids.organisation_id(a) for a in UN_AGENCIES[:2]]

    def rate(self, eid: str, target: str, criteria: tuple, scale: str | None, total: bool = False) -> None:
        scores = [self.rng.randint(1, 6) for _ in criteria]
        rows = list(zip(criteria, scores)) + ([("total", sum(scores))] if total else [])
        for criterion, score in rows:
            rid = self.node("Rating", f"{eid}/rating/{ids.slug(target)}/{ids.slug(criterion, 40)}", criterion=criterion,
                            score=float(score), scale=scale, rating=RATINGS[score - 1] if scale else None)
            self.edge("STATES", eid, rid)
            self.edge("RATES", rid, target)

    def funding(self, eid: str, target: str, amount: float, kind: str, period: str, by: str | None) -> None:
        fid = self.node("Funding", f"{eid}/{kind}/{ids.slug(target)}/{period}", amount=amount, currency="USD",
                        kind=kind, period=period)
        self.edge("STATES", eid, fid)
        self.edge("FUNDS", fid, target)
        if by:
            self.edge("PROVIDED_BY", fid, by)

    def review(self, code, name, prog, start, end, outcomes, undaf_outcomes) -> None:
        """A country programme review: recommendations, ratings and money by outcome."""
        rng = self.rng
        title = f"Review of the ILO Country Programme: {name} {start}-{end}"
        eid = self.evaluation(title, ids.slug(title), str(end + 1), [code], type="country programme review",
                              period=f"{start}-{end}")
        self.edge("EVALUATES", eid, prog)
        self.recommendations(eid, rng.randint(10, 24), 0.2, self.addressees([code]))
        period = f"{start}-{end}"
        for outcome in outcomes:
            if rng.random() < 0.6:
                self.rate(eid, outcome, REVIEW_CRITERIA, None, total=True)
            if rng.random() < 0.5:
                self.funding(eid, outcome, round(rng.lognormvariate(12.5, 1.0), -2), "expenditure", period, None)
        self.rate(eid, prog, PROGRAMME_CRITERIA, "1-6")
        self.funding(eid, prog, round(rng.lognormvariate(15.5, 0.6), -3), "budget", period, None)
        for undaf_outcome in rng.sample(undaf_outcomes, 3):
            for year in (start, start + 1):
                self.funding(eid, undaf_outcome, round(rng.lognormvariate(11.5, 0.8), -2), "contribution", str(year),
                             ids.organisation_id("ILO"))

    def project_evaluations(self, projects: list[dict], end: int) -> None:
        """Evaluations of 30% of the projects, a quarter of them clusters of 2-3 projects."""
        rng = self.rng
        chosen = [p for p in projects if rng.random() < 0.3]
        while chosen:
            group = [chosen.pop()]
            if rng.random() < 0.25:
                group += [chosen.pop() for _ in range(min(len(chosen), rng.randint(1, 2)))]
            lead = group[0]
            timing = rng.choices(("Final", "Midterm", "Ex-post"), (60, 30, 10))[0]
            title = f"{lead['name']} - {timing} {'cluster ' if len(group) > 1 else ''}evaluation"
            countries = list(dict.fromkeys(c for p in group for c in p["countries"]))
            date = f"{end + rng.randint(0, 2)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            names = ", ".join(self.countries[c]["name"] for c in countries)
            eid = self.evaluation(title, lead["symbol"] or ids.slug(title), date, countries,
                                  type="Clustered" if len(group) > 1 else "Project", timing=timing,
                                  administrative_office=self.countries[countries[0]]["office"],
                                  technical_office=rng.choice(ILO_UNITS[:16]), countries_text=names,
                                  keywords=rng.sample(TOPICS, rng.randint(2, 4)),
                                  budget=sum(p["budget"] for p in group), currency="USD")
            for p in group:
                self.edge("EVALUATES", eid, p["id"])
                if p["donor"] and rng.random() < 0.7:
                    self.funding(eid, p["id"], p["budget"], "budget", str(end), ids.organisation_id(p["donor"]))
            self.recommendations(eid, rng.randint(4, 14), 0.2, self.addressees(countries))
            for label, prefix, low, high in (("Lesson", "LL", 1, 3), ("GoodPractice", "GP", 0, 3)):
                for n in range(1, rng.randint(low, high) + 1):
                    item = self.node(label, f"{eid}/{prefix}{n}", number=str(n), text=self.themed(rng.choice(LESSONS)))
                    self.edge("IDENTIFIES", eid, item)
            if rng.random() < 0.3:
                self.rate(eid, lead["id"], OECD_CRITERIA, "1-6")

    def high_level(self, year: int) -> None:
        """A Governing Body paper presenting three high-level evaluations, each of a programme or project."""
        rng = self.rng
        doc = self.report(f"Governing Body {year}: annual evaluation report")
        for topic in rng.sample(HIGH_LEVEL, 3):
            title = f"Independent high-level evaluation of the ILO's {topic}"
            countries = rng.sample(list(self.countries), min(len(self.countries), rng.randint(3, 6)))
            eid = self.evaluation(title, ids.slug(title), f"{year}-10-{rng.randint(1, 28):02d}", countries, doc,
                                  type="high-level", period=f"{year - 6}-{year - 1}")
            self.edge("EVALUATES", eid, rng.choice(list(self.partnerships.values())))
            self.recommendations(eid, rng.randint(6, 10), 1.0, self.addressees(countries))


def synthesise(nodes: int, seed: int = 0) -> KnowledgeGraph:
    """A validated graph of about `nodes` nodes, the same for the same seed."""
    s = Synth(seed)
    s.world(nodes)
    codes = list(s.countries)
    grown = []  # nodes each cycle added
    while not grown or len(s.graph) + sum(grown) / len(grown) / 2 < nodes:
        before = len(s.graph)
        s.cycle(codes[s.cycles % len(codes)], s.cycles // len(codes))
        grown.append(len(s.graph) - before)
    s.graph.validate()
    return s.graph


def parts(graph: KnowledgeGraph, size: int) -> Iterator[KnowledgeGraph]:
    """The graph as sub-graphs: about `size` of its nodes each (in the order they were made), their
    outgoing edges, and the nodes those edges reach, so that each sub-graph is valid alone."""
    def node(node_id: str) -> Node:
        data = graph.g.nodes[node_id]
        return Node(data["label"], node_id, dict(data["properties"]), sorted(data["evidence"]))

    made = list(graph.g.nodes)
    for i in range(0, len(made), size):
        part = KnowledgeGraph(graph.schema)
        for source in made[i:i + size]:
            part.add(node(source))
            for _, target, rel_type, data in graph.g.out_edges(source, keys=True, data=True):
                if target not in part.g:
                    part.add(node(target))
                part.add(Edge(rel_type, source, target, dict(data["properties"]), sorted(data["evidence"])))
        yield part


def write(graph: KnowledgeGraph, location: str, part_size: int = PART_SIZE) -> None:
    """Write the graph into the LadybugDB store at `location`, one `store.write` (a transaction) per part.

    One write of a 10^6-node graph takes more memory than this machine has (LadybugDB
    keeps ~10 kB a row of a COPY's `$rows` parameter); parts bound it. The first part
    fills the empty tables with COPY, later ones upsert with MERGE, as `kg build` does.
    """
    with open_store("ladybug", location) as store:
        for part in parts(graph, part_size):
            store.write(part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", required=True, help="folder of the LadybugDB store to create (must not hold one)")
    parser.add_argument("--part", type=int, default=PART_SIZE, help="nodes written in one transaction")
    args = parser.parse_args()
    start = time.perf_counter()
    graph = synthesise(args.nodes, args.seed)
    generated = time.perf_counter()
    write(graph, args.db, args.part)
    written = time.perf_counter()
    for name, count in graph.counts().items():
        print(f"{name:20} {count:9}")
    edges = graph.g.number_of_edges()
    print(f"{len(graph)} nodes ({len(graph) / args.nodes - 1:+.1%} of {args.nodes}), {edges} relationships, "
          f"{len(graph.errors)} errors")
    print(f"generate {generated - start:.1f} s, write {written - generated:.1f} s, "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.1f} GB")


if __name__ == "__main__":
    main()
