from tests.helpers import run_process, stored


def test_add_then_show_in_a_real_process(journal):
    added = run_process(["add", "Heat", "--year", "1995", "--rating", "4.5"])
    assert added.returncode == 0, added.stderr
    assert "Logged #1" in added.stdout
    shown = run_process(["show", "heat", "--json"])
    assert shown.returncode == 0, shown.stderr
    assert '"title": "Heat"' in shown.stdout
    assert stored(journal)["watches"]["1"]["rating"] == 4.5


def test_cli_helper_reports_errors(cli, empty_journal):
    result = cli("show", "Nothing Here")
    assert result.code == 1
    assert result.stderr.startswith("error: no film called 'Nothing Here'")
