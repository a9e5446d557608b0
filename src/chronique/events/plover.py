"""The PLOVER ontology: event types, their modes, and the quad (verbal/material × cooperation/conflict)."""
from __future__ import annotations

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
