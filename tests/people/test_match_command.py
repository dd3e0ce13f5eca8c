"""`reintegra match` keeps its contract: columns, one row per list row, decisions, errors."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REGISTRY = """id,surname,given_name,patronymic,sex,birth_date
r1,Жұмабаев,Бауыржан,Серікұлы,M,1985-03-14
r2,Жұмабаева,Әсел,Бауыржанқызы,F,2010-07-02
r3,Қасымова,Гүлнар,Ерланқызы,F,1987-11
r4,Иванова,Ольга,,F,
"""
LIST = """id,surname,given_name,patronymic,full_name,sex,birth_date
l1,,,,BAUYRZHAN ZHUMABAEV,M,1985-03-14
l2,Jumabayeva,Assel,,,F,2010
l3,,,,Гулнар Касымова Ерлановна,,1987-11-23
l4,,,,,,
l5,Сейітов,Темірлан,,,M,2001-04-05
l6,,,,باورجان جومابايف,,
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def files(tmp_path):
    return write(tmp_path / "reg.csv", REGISTRY), write(tmp_path / "list.csv", LIST), tmp_path


def test_one_row_per_list_row_with_the_contracts_columns(files):
    registry, listed, folder = files
    out = folder / "out.csv"
    call_command("match", registry=str(registry), listed=str(listed), out=str(out))
    with out.open(encoding="utf-8") as handle:
        assert handle.readline().strip() == "list_id,registry_id,score,decision"
    rows = read(out)
    assert [row["list_id"] for row in rows] == ["l1", "l2", "l3", "l4", "l5", "l6"]
    for row in rows:
        assert 0.0 <= float(row["score"]) <= 1.0
        assert row["decision"] in {"match", "review", "none"}
        assert (row["registry_id"] == "") == (row["decision"] == "none")
    decided = {row["list_id"]: (row["registry_id"], row["decision"]) for row in rows}
    assert decided["l1"] == ("r1", "match")
    assert decided["l2"] == ("r2", "match")
    assert decided["l3"][0] == "r3"
    assert decided["l4"] == ("", "none")
    assert decided["l5"] == ("", "none")


def test_the_command_works_without_a_database(files, django_db_blocker):
    registry, listed, folder = files
    with django_db_blocker.block():
        call_command("match", registry=str(registry), listed=str(listed), out=str(folder / "o"))
    assert len(read(folder / "o")) == 6


@pytest.mark.parametrize(
    ("registry_text", "list_text", "message"),
    [
        ("id,surname,given_name\nr1,A,B\n", LIST, "missing column(s) patronymic, sex, birth_date"),
        (REGISTRY, "id,surname\nl1,A\n", "missing column(s) given_name"),
        (REGISTRY, LIST.replace("2010", "10.07.2010"), "line 3: birth_date '10.07.2010'"),
        (REGISTRY.replace("1987-11", "1987-13"), LIST, "reg.csv, line 4: birth_date"),
        (REGISTRY.replace(",M,1985", ",X,1985"), LIST, "sex 'x' is not M or F"),
    ],
)
def test_bad_input_is_refused_with_the_file_and_line(tmp_path, registry_text, list_text, message):
    registry = write(tmp_path / "reg.csv", registry_text)
    listed = write(tmp_path / "list.csv", list_text)
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("match", registry=str(registry), listed=str(listed), out=str(out))
    assert not out.exists()


def test_a_missing_file_exits_non_zero_with_a_clear_message(files):
    registry, _, folder = files
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "REINTEGRA_ENV")}
    done = subprocess.run(
        [sys.executable, "-m", "reintegra", "match", "--registry", str(registry),
         "--list", str(folder / "nowhere.csv"), "--out", str(folder / "out.csv")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode != 0
    assert "nowhere.csv: no such file" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_console_script_runs_with_production_settings_and_no_secret_key(files):
    registry, listed, folder = files
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "REINTEGRA_ENV")}
    done = subprocess.run(
        [sys.executable, "-m", "reintegra", "match", "--registry", str(registry),
         "--list", str(listed), "--out", str(folder / "out.csv")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress when stderr is not a terminal
    assert "6 listed, 4 in the registry" in done.stdout


def test_the_console_script_matches_without_setting_django_up_and_writes_what_the_command_does(
    files,
):
    registry, listed, folder = files
    code = (
        "import sys\n"
        "from reintegra.__main__ import main\n"
        f"sys.argv = ['reintegra', 'match', '--registry', {str(registry)!r}, "
        f"'--list={listed}', '--out', {str(folder / 'script.csv')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "6 listed, 4 in the registry" in done.stdout
    call_command("match", registry=str(registry), listed=str(listed), out=str(folder / "cmd.csv"))
    assert read(folder / "script.csv") == read(folder / "cmd.csv")


def test_the_console_script_leaves_other_options_to_django(files):
    done = subprocess.run(
        [sys.executable, "-m", "reintegra", "match", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "--registry" in done.stdout and "--verbosity" in done.stdout
