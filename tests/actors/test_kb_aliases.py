"""Every alias of every packaged organisation resolves to it in its own country's context, and no alias
is shared by two entries of one country that exist at the same time (``ambiguity.decide``)."""
from __future__ import annotations

import datetime as dt


from chronique.actors import default_kb, key, strip_prefix
from chronique.actors.ambiguity import unresolved_aliases
from chronique.actors.schema import OrgsFile
from chronique.actors.kb import KB_DIR, load_kb
from chronique import lang


def _orgs():
    files = [KB_DIR / "organizations.yaml", *sorted((KB_DIR / "organizations").glob("*.yaml"))]
    return [o for f in files for o in lang.read(f, OrgsFile, ValueError).organizations]


def test_every_alias_resolves_to_its_entry_in_its_country():
    bad = unresolved_aliases(default_kb(), _orgs())
    assert not bad, "\n".join(bad[:40])


def test_no_alias_is_shared_within_one_country_at_one_time():
    kb, seen, clash = default_kb(), {}, []
    for o in _orgs():
        for alias in {strip_prefix(key(a), kb.articles) for a in [o.name, *o.aliases]}:
            for other in seen.get((o.country, alias), []):
                if other.id != o.id and (o.start or dt.date.min) <= (other.end or dt.date.max) and \
                        (other.start or dt.date.min) <= (o.end or dt.date.max):
                    clash.append(f"{alias!r} ({o.country}): {other.id} and {o.id}")
            seen.setdefault((o.country, alias), []).append(o)
    assert not clash, "\n".join(clash[:40])


def test_packaged_ids_are_unique():
    ids = [o.id for o in _orgs()]
    assert not {i for i in ids if ids.count(i) > 1}


def test_the_check_fails_on_a_clash(tmp_path):
    extra = tmp_path / "clash.yaml"
    extra.write_text("organizations:\n"
                     "  - {id: t:ps-a, name: Parti socialiste A, country: ZZA, sector: PTY, aliases: [PS]}\n"
                     "  - {id: t:ps-b, name: Parti socialiste B, country: ZZA, sector: PTY, aliases: [PS]}\n"
                     "  - {id: t:ps-c, name: Parti socialiste C, country: ZZB, sector: PTY, aliases: [PS]}\n",
                     encoding="utf-8")
    kb = load_kb([extra], packaged_people=False)
    orgs = lang.read(extra, OrgsFile, ValueError).organizations
    bad = unresolved_aliases(kb, orgs)
    assert any("t:ps-a" in b for b in bad) and any("t:ps-b" in b for b in bad)
    assert not any(b.startswith("t:ps-c") for b in bad)  # the other country's PS is decided by its country
