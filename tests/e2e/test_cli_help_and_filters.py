"""The command line's own text: every option explained, only real files named, and filters refused exactly as
the API refuses them (one validation, ``store.filters``: exit 2 here, 422 there, the same message)."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from chronique.cli import main
from chronique.cli.main import build_parser
from chronique.serve import Settings, create_app
from chronique.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
# A path in a help text: a folder and a file name with an extension (placeholders are in capitals: GOLD/…).
PATH = re.compile(r"(?<![\w$/.])((?:\.\./)?[a-z_][\w.-]*/[\w./-]*\.(?:md|py|yaml|jsonl?|tsv|txt))")


def _options(parser: argparse.ArgumentParser, name: str = "chronique"):
    """(command, option, help) for every argument of every command and sub-command, and each command's own."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from ((f"{name} {c.dest}", "", c.help) for c in action._choices_actions)
            for sub_name, sub in action.choices.items():
                yield from _options(sub, f"{name} {sub_name}")
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield name, "/".join(action.option_strings) or action.dest, action.help


def test_every_option_of_every_command_has_help_text():
    options = list(_options(build_parser()))
    assert len(options) > 60
    missing = [f"{cmd} {opt}" for cmd, opt, text in options if not (text or "").strip()]
    assert missing == []


def test_help_names_only_files_that_exist():
    named = {(cmd, path) for cmd, _, text in _options(build_parser()) for path in PATH.findall(text or "")}
    assert ("chronique eval", "../shared/eval/score.py") in named  # the pattern finds what it must
    beside = (ROOT.parent / "shared").exists()  # ../shared is checked when it is there
    missing = [(cmd, p) for cmd, p in named if not (ROOT / p).exists() and (beside or not p.startswith("../shared/"))]
    assert missing == []
    helps = " ".join(text or "" for _, _, text in _options(build_parser()))
    assert "FORMAT.md" not in helps and "README.md" in helps


@pytest.fixture(scope="module")
def store_and_api(tmp_path_factory):
    from fastapi.testclient import TestClient

    db = tmp_path_factory.mktemp("filters") / "empty.duckdb"
    Store(db).close()
    app = create_app(Settings(db=str(db), read_only=True))
    yield db, TestClient(app)
    app.state.store.close()


BAD = [
    (["--type", "NOPE"], {"type": "NOPE"}),
    (["--since", "garbage"], {"since": "garbage"}),
    (["--since", "2023-02-30"], {"since": "2023-02-30"}),
    (["--until", "2023-13"], {"until": "2023-13"}),
    (["--until", "2021-W53"], {"until": "2021-W53"}),
    (["--since", "2020", "--until", "2019-12"], {"since": "2020", "until": "2019-12"}),
    (["--country", "France"], {"country": "France"}),
    (["--quad", "cooperation"], {"quad": "cooperation"}),
    (["--aux", "maybe"], {"aux": "maybe"}),
    (["--actor", "Macron", "--role", "host"], {"actor": "Macron", "role": "host"}),
    (["-q", "x"], {"q": "x"}),
]


@pytest.mark.parametrize("command", ["events", "timeline"])
@pytest.mark.parametrize("argv,params", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_a_bad_filter_is_exit_2_with_the_apis_422_message(store_and_api, capsys, command, argv, params):
    db, api = store_and_api
    res = api.get("/api/events" if command == "events" else "/api/timeline", params=params)
    assert res.status_code == 422
    detail = res.json()["detail"]
    assert isinstance(detail, str) and detail.split(":")[0] in params
    assert main([command, "--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    assert err == f"chronique {command}: {detail}\n"


def test_valid_filters_pass_both_ways(store_and_api, capsys):
    db, api = store_and_api
    params = {"type": "consult", "since": "2024-02-29", "until": "2024-W10", "country": "fra", "q": "Paris"}
    assert api.get("/api/events", params=params).status_code == 200
    argv = ["--type", "consult", "--since", "2024-02-29", "--until", "2024-W10", "--country", "fra", "-q", "Paris"]
    assert main(["events", "--db", str(db), *argv]) == 0
    assert capsys.readouterr().out.strip().endswith("0 events")
