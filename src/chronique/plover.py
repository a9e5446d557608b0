"""The PLOVER ontology and the codes every stage shares: event types, modes, quads, aux values, sectors."""
from __future__ import annotations

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_VALUES = ("none", "historical", "future", "hypothetical", "negated")
SECTORS = ("GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "COP", "CVL", "MED", "BUS",
           "REL", "NGO", "IGO", "REF")
# Country codes that name a kind of body rather than one country (international, non-governmental,
# multinational): two such actors are the same only by name, and none is a story's country.
GENERIC_CODES = frozenset({"IGO", "NGO", "MNC"})

MODES: dict[str, tuple[str, ...]] = {
    # AGREE to a future meeting keeps the meeting's mode, as our gold guideline does ("AGREE visit").
    "AGREE": ("visit", "third-party", "multilateral", "phone"),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}

QUAD: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal-cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material-cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal-conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material-conflict"),
}

# PLOVER keeps CONSULT/AGREE symmetric for meetings of equals: both sides are actors.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
