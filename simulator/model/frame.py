"""The data controller's legal frame: the one place that says what "home", "foreign" and
"transfer" mean for a scenario.

Every layer measures from the controller: a regime is **foreign** when it is seated outside
the controller's home jurisdiction (the EU/EEA for a GDPR or EUDPR controller, the United
Kingdom for a UK one); the controller's own law is shown for information and never drives a
finding or a headline. Records **transfer** when they reach a place outside the home
jurisdiction, and each transfer is covered by a tool: an adequacy decision (or, for a US
importer certified under the EU–US Data Privacy Framework or its UK Extension, the adequacy
that covers certified organisations only), standard contractual clauses or binding corporate
rules declared in the scenario, or none.

Sources are in each :class:`Jurisdiction`; what no source confirmed is in its ``unconfirmed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

# Member states of the EU and the three other EEA states.
# Source: https://european-union.europa.eu/principles-countries-history/eu-countries_en and
# https://www.efta.int/eea/eea-agreement
EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
EEA = EU | {"IS", "LI", "NO"}

Zone = Literal["home", "adequate", "third"]
TransferTool = Literal["adequacy", "adequacy (certified importer)", "scc", "bcr", "none"]
DeclaredTool = Literal["scc", "bcr"]


@dataclass(frozen=True)
class Jurisdiction:
    """A legal order a controller answers to, with its transfer boundary and adequacy list."""

    id: str
    name: str
    short: str
    """How reports name the home area: 'EU/EEA', 'UK'."""
    law: str
    """The data-protection law of controllers in this jurisdiction."""
    transfer_rules: str
    """Where its rules on transfers out of the home area are."""
    home: frozenset[str]
    """Countries inside the transfer boundary: moving records between them is not a transfer."""
    adequate: frozenset[str]
    """Countries an adequacy decision (or regulation) covers for every importer."""
    certified_only: frozenset[str]
    """Countries whose adequacy covers only importers certified under a framework (US: DPF)."""
    sources: tuple[str, ...]
    unconfirmed: tuple[str, ...] = ()


# EU adequacy decisions (GDPR art. 45), Commission list:
# https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en
# The US decision of 10 July 2023 (EU–US Data Privacy Framework) covers only organisations on
# the DPF List, hence ``certified_only``.
EU_ADEQUATE = frozenset("AD AR CA FO GG IL IM JP JE NZ KR CH GB UY".split())
# Transfers approved by UK regulations (UK GDPR art. 45A since the Data (Use and Access) Act 2025
# took effect on 5 February 2026; before, "adequacy regulations" under DPA 2018 s. 17A): the
# list carried over in DPA 2018 Sch. 21 para. 5 (EEA states, Gibraltar, EU bodies, CH, CA, AR,
# GG, IM, JE, FO, AD, IL, UY, NZ, JP), the Republic of Korea (SI 2022/1213) and, for persons on
# the DPF List in the UK Extension only, the United States (SI 2023/1028).
UK_ADEQUATE = EEA | frozenset("GI CH CA AR GG IM JE FO AD IL UY NZ JP KR".split())
# DPA 2018 Part 3 (law enforcement), Sch. 21 para. 11: the EEA states, Switzerland and Gibraltar.
# SI 2023/1028 (US) covers only the UK GDPR and DPA Part 2, not Part 3.
UK_LAW_ENFORCEMENT_ADEQUATE = EEA | frozenset({"CH", "GI"})

_EU = Jurisdiction(
    id="EU",
    name="European Union / EEA",
    short="EU/EEA",
    law="GDPR (Regulation (EU) 2016/679)",
    transfer_rules="GDPR Chapter V (arts 44–49)",
    home=EEA,
    adequate=EU_ADEQUATE,
    certified_only=frozenset({"US"}),
    sources=(
        "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en",
    ),
)


JURISDICTIONS: dict[str, Jurisdiction] = {
    "EU": _EU,
    # EU institutions transfer on the Commission's GDPR adequacy decisions (EUDPR art. 47): the
    # EU's home area and adequacy lists, under their own law.
    "EUI": replace(
        _EU,
        id="EUI",
        name="EU institutions, bodies, offices and agencies",
        law="EUDPR (Regulation (EU) 2018/1725)",
        transfer_rules="EUDPR Chapter V (arts 46–51)",
        sources=("https://eur-lex.europa.eu/eli/reg/2018/1725/oj", _EU.sources[1]),
        unconfirmed=(
            "EUDPR art. 47 transfers on the basis of the Commission's GDPR adequacy decisions; "
            "that the DPF decision covers transfers by EU institutions is taken from art. 47, not from a "
            "statement of the EDPS",
        ),
    ),
    "GB": Jurisdiction(
        id="GB",
        name="United Kingdom",
        short="UK",
        law="UK GDPR and the Data Protection Act 2018",
        transfer_rules="UK GDPR Chapter V (arts 44A–49 as amended by the Data (Use and Access) Act 2025)",
        home=frozenset({"GB"}),
        adequate=UK_ADEQUATE,
        certified_only=frozenset({"US"}),
        sources=(
            "https://www.legislation.gov.uk/id/ukpga/2025/18/schedule/7/paragraph/4?PaginationInfo.CurrentPage=1&h=428&view=plain",
            "https://www.legislation.gov.uk/ukpga/2025/18/schedule/9/paragraph/25",
            "https://legislation.gov.uk/uksi/2023/1028/data.html",
            "https://handleygill.co.uk/uk-adequacy-regulations",
        ),
        unconfirmed=(
            "amendments to DPA 2018 Sch. 21 para. 5 after 2019 other than the DUAA relabelling "
            "were not checked",
            "no UK regulations made after 2023 (e.g. for India) were found",
        ),
    ),
    "GB-LE": Jurisdiction(
        id="GB-LE",
        name="United Kingdom, law-enforcement processing",
        short="UK",
        law="Data Protection Act 2018 Part 3 (law-enforcement processing; UK GDPR art. 2(2)(b) excludes it)",
        transfer_rules=(
            "DPA 2018 Part 3 Chapter 5 (ss. 72–78, as amended by the Data (Use and Access) Act 2025)"
        ),
        home=frozenset({"GB"}),
        adequate=UK_LAW_ENFORCEMENT_ADEQUATE,
        certified_only=frozenset(),
        sources=(
            "https://www.legislation.gov.uk/ukpga/2018/12/part/3/chapter/5",
            "https://www.legislation.gov.uk/ukpga/2025/18/schedule/9/paragraph/25",
            "https://legislation.gov.uk/ukpga/2018/12/schedule/7/2022-11-01/data.htm",
        ),
        unconfirmed=(
            "Part 3 regulations made after 2020 (none found)",
            "whether the processor route of s. 73(4)(aa) (a s. 59 contract) has conditions "
            "beyond that contract",
        ),
    ),
}


@dataclass(frozen=True)
class Frame:
    """Who answers for the data, under which law, and what counts as foreign for them."""

    jurisdiction: Jurisdiction
    controller: str | None
    """Entity id of the data controller (``None``: not given, an EU/EEA controller is assumed)."""
    controller_name: str
    country: str | None
    """The controller's country: national rule sets (France's HDS, SREN...) key on it."""
    roles: frozenset[str] = frozenset()
    purposes: frozenset[str] = frozenset()
    processors: tuple[str, ...] = ()
    declared_tools: Mapping[str, DeclaredTool] = field(default_factory=dict)
    """Importer entity → SCCs or BCRs the scenario says cover transfers to it."""
    certified: frozenset[str] = frozenset()
    """Entities certified under the framework that ``jurisdiction.certified_only`` countries need."""

    @property
    def assumed(self) -> bool:
        return self.controller is None

    def is_home(self, country: str) -> bool:
        return country in self.jurisdiction.home

    def is_foreign(self, country: str) -> bool:
        """A country (a regime's seat, a site) outside the controller's home jurisdiction."""
        return country not in self.jurisdiction.home

    def foreign_regimes(self, regimes: Mapping[str, object]) -> set[str]:
        """Ids of the regimes seated outside the home jurisdiction (``regime.country``)."""
        return {rid for rid, regime in regimes.items() if self.is_foreign(regime.country)}  # type: ignore[attr-defined]

    def zone(self, country: str) -> Zone:
        if self.is_home(country):
            return "home"
        if country in self.jurisdiction.adequate:
            return "adequate"
        return "third"

    def zone_label(self, country: str) -> str:
        """'EU/EEA' or 'UK' at home, 'adequacy' or 'third country' outside."""
        zone = self.zone(country)
        return (
            self.jurisdiction.short
            if zone == "home"
            else "adequacy"
            if zone == "adequate"
            else "third country"
        )

    def transfer_tool(self, country: str, importer: str | None) -> TransferTool:
        """The tool covering records that leave the home jurisdiction for ``country``, to ``importer``."""
        if country in self.jurisdiction.adequate:
            return "adequacy"
        if country in self.jurisdiction.certified_only and importer in self.certified:
            return "adequacy (certified importer)"
        if importer is not None and importer in self.declared_tools:
            return self.declared_tools[importer]
        return "none"

    def describe(self) -> str:
        """One line for reports: 'Police Scotland (GB) — United Kingdom, law-enforcement processing: ...'."""
        who = f"{self.controller_name} ({self.country})" if self.country else self.controller_name
        return f"{who}: {self.jurisdiction.law}; transfers under {self.jurisdiction.transfer_rules}"


def jurisdiction_of(country: str, roles: Iterable[str], purposes: Iterable[str]) -> Jurisdiction:
    """The jurisdiction of a controller from where it is, what it is and why it processes."""
    if "eu_institution" in set(roles):
        return JURISDICTIONS["EUI"]
    if country == "GB":
        return JURISDICTIONS["GB-LE" if "law_enforcement" in set(purposes) else "GB"]
    if country in EEA:
        return JURISDICTIONS["EU"]
    return Jurisdiction(
        id=country,
        name=f"{country} (no data-protection frame modelled)",
        short=country,
        law="not modelled",
        transfer_rules="not modelled",
        home=frozenset({country}),
        adequate=frozenset(),
        certified_only=frozenset(),
        sources=(),
        unconfirmed=(f"sovsim models no data-protection law for controllers in {country}",),
    )


ASSUMED_CONTROLLER = "an EU/EEA controller (assumed: the scenario names no controller)"
