"""The CI recipes, run: parses deploy/gitlab-ci.yml and deploy/github-actions.yml (PyYAML) and
runs their jobs' shell steps in order, as GitLab and GitHub would, on a sandbox copy of the
project with local deploy targets, the public one served by a real nginx with
deploy/nginx.conf.example; after each pipeline it checks what is served, file for file.

    python .ci/recipes_check.py --statik BIN --base http://127.0.0.1:PORT --root /esf-statistik/ \\
        --target DIR [--work DIR] [--platform gitlab|github]

DIR is the folder nginx serves (its `current`); it is emptied before each platform. The story,
on each platform: publish (nothing before a person approves; then the build the reports show),
an identical publish (nothing published, said so), a bad publish, rollback, the fix, rollback
(to the good release, not the bad one), a push nobody approves, the 06:00 schedule (the commit
served now rebuilt as of now: its scheduled page comes out, the unapproved push does not), the
07:00 schedule (nothing to publish), approving the stale push (refused: the site changed since
its review), a diff that fails (exit 2: the pipeline fails, nothing can be published), a merge
request (its review build, drafts shown, published to the preview target; production
untouched).

Emulated, not real: the runners (jobs run here, one after another, each in a fresh clone with
the artifacts it would get: GitLab keeps file modes, GitHub's artifacts do not and leave out
hidden files unless include-hidden-files), `swift build` (a stub that names a folder holding
the statik under test), apt-get (a stub), scripts/test (a stub in the sandbox: the tests run
elsewhere in CI), ssh (the targets are local folders; scripts/deploy-test tests ssh targets).
GitLab steps run with `set -e` and without pipefail, GitHub's with its `bash -eo pipefail`.
"""
import argparse
import calendar
import copy
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import served_check  # noqa: E402

PROJECT = pathlib.Path(__file__).resolve().parent.parent


def epoch(text):
    return str(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ")))


class Failure(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# The sandbox: a git repository of the project, stubs, targets.

class Sandbox:
    def __init__(self, work, statik):
        self.work = work
        self.repo = work / "repo"
        self.tools = work / "tools"
        self.bin = work / "swift-bin"
        self.fail_diff = work / "fail-diff"
        self.keys = work / "keys"
        for folder in (self.tools, self.bin, self.keys):
            folder.mkdir(parents=True)
        (self.tools / "swift").write_text(
            "#!/usr/bin/env bash\n"
            "# swift, for the recipe test: builds nothing; the statik under test is in the bin path.\n"
            f'case " $* " in *" --show-bin-path "*) echo {self.bin} ;; *" build "*) exit 0 ;; *) echo "swift stub: $*" >&2; exit 1 ;; esac\n')
        (self.tools / "apt-get").write_text("#!/bin/sh\n# apt-get, for the recipe test: everything is installed.\nexit 0\n")
        (self.bin / "statik").write_text(
            "#!/usr/bin/env bash\n"
            f'if [ "${{1:-}}" = diff ] && [ -e {self.fail_diff} ]; then\n'
            '  echo "statik: error: (the recipe test makes statik diff fail: exit 2)" >&2; exit 2\n'
            "fi\n"
            f'exec {statik} "$@"\n')
        for tool in (self.tools / "swift", self.tools / "apt-get", self.bin / "statik"):
            tool.chmod(0o755)
        for key in ("deploy", "review"):
            (self.keys / key).write_text(f"(the {key} key: the recipe test's targets are local)\n")
        # The project's files as they are in the working tree, tracked and new.
        files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                               cwd=PROJECT, check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, files):
            source = PROJECT / name
            if source.is_file():
                destination = self.repo / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination)
        (self.repo / "scripts/test").write_text("#!/usr/bin/env bash\necho '(scripts/test: a stub in the recipe test; the tests run elsewhere in CI)'\n")
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "recipe-test@example.invalid")
        self.git("config", "user.name", "recipe test")
        self.git("config", "uploadpack.allowAnySHA1InWant", "true")

    def git(self, *arguments, cwd=None):
        return subprocess.run(["git", *arguments], cwd=cwd or self.repo, check=True,
                              capture_output=True, text=True).stdout.strip()

    def commit(self, message, changes, branch="main"):
        """Commits CHANGES (path: text, or None to delete) on BRANCH; returns the commit."""
        if self.git("branch", "--show-current") != branch:
            exists = subprocess.run(["git", "rev-parse", "--verify", "-q", branch], cwd=self.repo, capture_output=True).returncode == 0
            self.git("checkout", "-q", *([] if exists else ["-b"]), branch)
        for name, text in changes.items():
            path = self.repo / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        sha = self.git("rev-parse", "HEAD")
        if branch != "main":
            self.git("checkout", "-q", "main")
        return sha

    def checkout(self, folder, sha, depth=None):
        """A fresh clone in FOLDER at SHA, as a runner makes it (shallow when depth is given)."""
        folder.mkdir(parents=True)
        self.git("init", "-q", cwd=folder)
        url = f"file://{self.repo}"
        if depth:
            self.git("fetch", "-q", f"--depth={depth}", url, sha, cwd=folder)
        else:
            self.git("fetch", "-q", url, "+refs/heads/*:refs/remotes/origin/*", cwd=folder)
        self.git("checkout", "-q", "--detach", sha, cwd=folder)

    def environment(self, extra):
        # Nothing of a CI system this test may itself run in.
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("CI_", "GITLAB_", "GITHUB_", "RUNNER_"))}
        environment["PATH"] = f"{self.tools}:{environment['PATH']}"
        environment["CI"] = "true"
        environment.pop("STATIK_DEPLOY_SSH", None)
        environment.update(extra)
        return environment


def run_shell(script, folder, environment, shell, log):
    path = folder.parent / f"{folder.name}.sh"
    path.write_text(script)
    with open(log, "a") as out:
        out.write(f"$ ({shell} {path.name})\n")
        out.flush()
        result = subprocess.run([*shell.split(), str(path)], cwd=folder, env=environment, stdout=out,
                                stderr=subprocess.STDOUT, timeout=1800)
    return result.returncode


# ---------------------------------------------------------------------------------------------
# GitLab: rules, stages, needs, manual jobs, artifacts (file modes kept).

GITLAB_KEYWORDS = {"image", "stages", "variables", "workflow", "before_script", "after_script", "default", "include", "services", "cache"}


def gitlab_condition(expression, variables):
    """A rules: if: expression ($VAR, "text", ==, !=, &&, ||, parentheses)."""
    tokens = re.findall(r'\$\w+|"[^"]*"|\'[^\']*\'|==|!=|&&|\|\||\(|\)|\S+', expression)
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def operand():
        token = take()
        if token.startswith("$"):
            return variables.get(token[1:]) or None
        if token[0] in "\"'":
            return token[1:-1]
        if token == "null":
            return None
        raise Failure(f"rules: cannot read {token!r} in {expression!r}")

    def primary():
        if peek() == "(":
            take()
            value = disjunction()
            take()
            return value
        left = operand()
        if peek() in ("==", "!="):
            operator = take()
            right = operand()
            return (left == right) if operator == "==" else (left != right)
        return bool(left)

    def conjunction():
        value = primary()
        while peek() == "&&":
            take()
            value = primary() and value
        return value

    def disjunction():
        value = conjunction()
        while peek() == "||":
            take()
            value = conjunction() or value
        return value

    return disjunction()


def merged(base, extension):
    result = copy.deepcopy(base)
    for key, value in extension.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


class GitLab:
    name = "gitlab"

    def __init__(self, sandbox, path, variables):
        self.sandbox, self.variables = sandbox, variables
        self.config = yaml.safe_load(path.read_text())
        self.stages = self.config.get("stages", ["build", "test", "deploy"])
        self.jobs = {}
        for name, job in self.config.items():
            if name in GITLAB_KEYWORDS or name.startswith(".") or not isinstance(job, dict):
                continue
            while "extends" in job:
                parent = self.config[job["extends"]]
                job = merged(parent, {k: v for k, v in job.items() if k != "extends"})
            self.jobs[name] = job
        self.count = 0

    def pipeline(self, source, sha, branch, now, extra=None):
        self.count += 1
        variables = dict(self.variables)
        variables.update({k: str(v) for k, v in (self.config.get("variables") or {}).items()})
        variables.update({
            "CI_PIPELINE_SOURCE": source, "CI_COMMIT_SHA": sha, "CI_DEFAULT_BRANCH": "main",
            "CI_PIPELINE_URL": f"https://gitlab.example.invalid/statik/-/pipelines/{self.count}",
            "GITLAB_USER_LOGIN": "granskare", "SOURCE_DATE_EPOCH": epoch(now), "CI": "true",
        })
        if source == "merge_request_event":
            variables["CI_MERGE_REQUEST_IID"] = "7"
        else:
            variables["CI_COMMIT_BRANCH"] = branch
        variables.update(extra or {})
        return GitLabPipeline(self, self.count, variables, sha)


class GitLabPipeline:
    def __init__(self, gitlab, number, variables, sha):
        self.gitlab, self.number, self.variables, self.sha = gitlab, number, variables, sha
        self.folder = gitlab.sandbox.work / f"gitlab-{number}"
        self.folder.mkdir()
        self.log = self.folder / "log.txt"
        self.state, self.when, self.allow_failure = {}, {}, {}
        workflow = (gitlab.config.get("workflow") or {}).get("rules")
        if workflow and not any(gitlab_condition(rule["if"], variables) for rule in workflow):
            raise Failure(f"no pipeline: workflow rules exclude {variables['CI_PIPELINE_SOURCE']}")
        for name, job in gitlab.jobs.items():
            when = job.get("when", "on_success")
            allow_failure = job.get("allow_failure")
            if "rules" in job:
                for rule in job["rules"]:
                    if "if" not in rule or gitlab_condition(rule["if"], variables):
                        when = rule.get("when", "on_success")
                        allow_failure = rule.get("allow_failure", allow_failure)
                        break
                else:
                    when = "never"
            if when == "never":
                continue
            self.when[name] = when
            self.allow_failure[name] = allow_failure if allow_failure is not None else (when == "manual")
            self.state[name] = "created"
        self.order = sorted(self.state, key=lambda n: (self.gitlab.stages.index(self.gitlab.jobs[n].get("stage", "test")), list(self.gitlab.jobs).index(n)))

    def summary(self):
        return ", ".join(f"{n} {self.state[n]}" for n in self.order)

    def prerequisites(self, name):
        job = self.gitlab.jobs[name]
        if "needs" in job:
            return [n if isinstance(n, str) else n["job"] for n in job["needs"]]
        stage = self.gitlab.stages.index(job.get("stage", "test"))
        return [n for n in self.order if self.gitlab.stages.index(self.gitlab.jobs[n].get("stage", "test")) < stage]

    def ready(self, name):
        for other in self.prerequisites(name):
            if other not in self.state:
                continue
            if self.state[other] == "success":
                continue
            if self.state[other] in ("manual", "failed") and self.allow_failure[other]:
                continue
            return False
        return True

    def run(self):
        """Runs what runs without a person; manual jobs wait."""
        for name in self.order:
            if self.state[name] != "created":
                continue
            if not self.ready(name):
                self.state[name] = "skipped"
            elif self.when[name] == "manual":
                self.state[name] = "manual"
            else:
                self.execute(name)
        return self

    def play(self, name):
        """A person runs a manual job."""
        if self.state.get(name) != "manual":
            raise Failure(f"pipeline {self.number}: {name} is {self.state.get(name, 'not in the pipeline')}, not a manual job to run")
        return self.execute(name)

    def execute(self, name):
        job = self.gitlab.jobs[name]
        folder = self.folder / name
        depth = None if self.variables.get("GIT_DEPTH") == "0" else int(self.variables.get("GIT_DEPTH") or 20)
        self.gitlab.sandbox.checkout(folder, self.sha, depth)
        for other in self.prerequisites(name):
            artifacts = self.folder / "artifacts" / other
            if artifacts.is_dir():
                shutil.copytree(artifacts, folder, dirs_exist_ok=True, symlinks=True)
        variables = dict(self.variables)
        variables.update({k: str(v) for k, v in (job.get("variables") or {}).items()})
        variables["CI_PROJECT_DIR"] = str(folder)
        variables["CI_JOB_NAME"] = name
        lines = job.get("before_script", self.gitlab.config.get("before_script") or []) + job["script"]
        script = "set -e\n" + "\n".join(lines) + "\n"
        with open(self.log, "a") as out:
            out.write(f"\n===== GitLab pipeline {self.number}, job {name}\n")
        status = run_shell(script, folder, self.gitlab.sandbox.environment(variables), "bash --noprofile --norc", self.log)
        self.state[name] = "success" if status == 0 else "failed"
        artifacts = job.get("artifacts") or {}
        if artifacts.get("paths") and (status == 0 or artifacts.get("when") in ("always", "on_failure")):
            store = self.folder / "artifacts" / name
            for pattern in artifacts["paths"]:
                for source in folder.glob(pattern.rstrip("/")):
                    destination = store / source.relative_to(folder)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    if source.is_dir():
                        shutil.copytree(source, destination, symlinks=True, dirs_exist_ok=True)
                    else:
                        shutil.copy2(source, destination)
        shutil.rmtree(folder)   # what later jobs get is in the artifacts
        return self.state[name]

    def job_log(self, name):
        text = self.log.read_text()
        start = text.find(f"job {name}\n")
        return text[start:] if start >= 0 else ""

    def artifact(self, job, path):
        return self.folder / "artifacts" / job / path

    def build(self):
        return self.artifact("build", "build")


# ---------------------------------------------------------------------------------------------
# GitHub: needs, if:, environments with reviewers, ${{ }} expressions, artifacts (no modes,
# no hidden files unless asked, the least common ancestor as their root).

class Expression:
    """GitHub's expression language, the part the workflow uses."""
    TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||!|\(|\)|,|\.)|(?P<name>[A-Za-z_][\w-]*))")

    def __init__(self, text, context, statuses):
        self.tokens, self.context, self.statuses = [], context, statuses
        position = 0
        text = text.strip()
        while position < len(text):
            match = self.TOKEN.match(text, position)
            if not match or match.end() == position:
                raise Failure(f"expression: cannot read {text[position:]!r}")
            self.tokens.append((match.lastgroup, match.group(match.lastgroup)))
            position = match.end()
        self.position = 0
        self.value = self.disjunction()
        if self.position != len(self.tokens):
            raise Failure(f"expression: {text!r} has more than one expression")

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else (None, None)

    def take(self):
        self.position += 1
        return self.tokens[self.position - 1]

    @staticmethod
    def truthy(value):
        return value not in (None, False, 0, "") and value == value

    @staticmethod
    def number(value):
        if value is None:
            return 0
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (int, float)):
            return value
        try:
            return float(value) if value.strip() else 0
        except ValueError:
            return float("nan")

    @classmethod
    def equal(cls, left, right):
        if isinstance(left, str) and isinstance(right, str):
            return left.casefold() == right.casefold()
        if type(left) is type(right):
            return left == right
        return cls.number(left) == cls.number(right)

    def disjunction(self):
        value = self.conjunction()
        while self.peek() == ("op", "||"):
            self.take()
            right = self.conjunction()
            value = value if self.truthy(value) else right
        return value

    def conjunction(self):
        value = self.comparison()
        while self.peek() == ("op", "&&"):
            self.take()
            right = self.comparison()
            value = right if self.truthy(value) else value
        return value

    def comparison(self):
        value = self.unary()
        while self.peek() in (("op", "=="), ("op", "!=")):
            operator = self.take()[1]
            right = self.unary()
            value = self.equal(value, right) if operator == "==" else not self.equal(value, right)
        return value

    def unary(self):
        if self.peek() == ("op", "!"):
            self.take()
            return not self.truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, token = self.take()
        if kind == "op" and token == "(":
            value = self.disjunction()
            self.take()
            return value
        if kind == "string":
            return token[1:-1].replace("''", "'")
        if kind == "number":
            return float(token)
        if kind != "name":
            raise Failure(f"expression: unexpected {token!r}")
        if token in ("true", "false"):
            return token == "true"
        if token == "null":
            return None
        if self.peek() == ("op", "("):
            self.take()
            self.take()  # the functions used take no arguments
            if token not in self.statuses:
                raise Failure(f"expression: function {token}() is not emulated")
            return self.statuses[token]
        value = self.context.get(token)
        while self.peek() == ("op", "."):
            self.take()
            _, key = self.take()
            value = value.get(key) if isinstance(value, dict) else None
        return value


def substitute(text, context, statuses=None):
    """${{ }} in a string, as GitHub fills them in before a step runs."""
    def value(match):
        result = Expression(match.group(1), context, statuses or {}).value
        if result is None:
            return ""
        if isinstance(result, bool):
            return "true" if result else "false"
        if isinstance(result, float) and result.is_integer():
            return str(int(result))
        return str(result)
    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))


def condition(text, context, statuses, default="success()"):
    if text is None:
        text = default
    if isinstance(text, bool):
        return text
    text = str(text).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not re.search(r"\b(success|failure|always|cancelled)\s*\(", text):
        text = f"success() && ({text})"
    return Expression.truthy(Expression(text, context, statuses).value)


class GitHub:
    name = "github"

    def __init__(self, sandbox, path, secrets, variables, protected):
        self.sandbox, self.secrets, self.variables, self.protected = sandbox, secrets, variables, protected
        self.config = yaml.safe_load(path.read_text())
        self.on = self.config.get("on", self.config.get(True))
        self.count = 0

    def run(self, event, sha, now, inputs=None, pull_request=None):
        if event not in self.on:
            raise Failure(f"no run: the workflow is not triggered by {event}")
        self.count += 1
        dispatch = (self.on.get("workflow_dispatch") or {}).get("inputs") or {} if event == "workflow_dispatch" else {}
        values = {name: spec.get("default") for name, spec in dispatch.items()}
        values.update(inputs or {})
        for name, value in values.items():
            options = dispatch[name].get("options")
            if options and value not in options:
                raise Failure(f"input {name}: {value!r} is not one of {options}")
        return GitHubRun(self, self.count, event, sha, now, values, pull_request)


class GitHubRun:
    def __init__(self, github, number, event, sha, now, inputs, pull_request):
        self.github, self.number, self.event, self.sha, self.now = github, number, event, sha, now
        self.folder = github.sandbox.work / f"github-{number}"
        self.folder.mkdir()
        self.log = self.folder / "log.txt"
        self.store = self.folder / "artifacts"
        self.context = {
            "github": {"event_name": event, "sha": sha, "actor": "granskare", "run_id": str(number),
                       "server_url": "https://github.example.invalid", "repository": "statik/esf-statistik",
                       "event": {"pull_request": {"number": pull_request}} if pull_request else {}},
            "inputs": inputs, "secrets": github.secrets, "vars": github.variables, "needs": {},
        }
        self.jobs = github.config["jobs"]
        self.state = {}
        self.waiting = None

    def summary(self):
        return ", ".join(f"{n} {s}" for n, s in self.state.items())

    def needs(self, name):
        needs = self.jobs[name].get("needs", [])
        return [needs] if isinstance(needs, str) else list(needs)

    def run(self):
        """Runs the jobs in order of their needs until one waits for a reviewer."""
        pending = [n for n in self.jobs if n not in self.state]
        progress = True
        while pending and progress and not self.waiting:
            progress = False
            for name in list(pending):
                needs = self.needs(name)
                if any(self.state.get(n) in (None, "waiting") for n in needs):
                    continue
                pending.remove(name)
                progress = True
                self.start(name, needs)
                if self.waiting:
                    break
        return self

    def start(self, name, needs):
        job = self.jobs[name]
        statuses = {
            "success": all(self.state[n] == "success" for n in needs),
            "failure": any(self.state[n] == "failure" for n in needs),
            "always": True, "cancelled": False,
        }
        context = dict(self.context, needs={n: {"result": self.state[n], "outputs": {}} for n in needs})
        if not condition(job.get("if"), context, statuses):
            self.state[name] = "skipped"
            return
        environment = job.get("environment")
        if isinstance(environment, dict):
            environment = environment.get("name")
        environment = substitute(environment, context) if environment else None
        if environment in self.github.protected:
            self.state[name] = "waiting"
            self.waiting = name
            return
        self.execute(name, context, environment)

    def approve(self):
        """A reviewer of the environment approves the job that waits; the run goes on."""
        if not self.waiting:
            raise Failure(f"run {self.number}: no job waits for a reviewer ({self.summary()})")
        name, self.waiting = self.waiting, None
        needs = self.needs(name)
        self.execute(name, dict(self.context, needs={n: {"result": self.state[n], "outputs": {}} for n in needs}), "approved")
        return self.run()

    def execute(self, name, context, environment):
        job = self.jobs[name]
        workspace = self.folder / name
        temp = self.folder / f"{name}.tmp"
        workspace.mkdir()
        temp.mkdir()
        summary = self.folder / f"{name}.summary.md"
        summary.touch()
        with open(self.log, "a") as out:
            out.write(f"\n===== GitHub run {self.number}, job {name}" + (f" (environment {environment})" if environment else "") + "\n")
        base = {
            "GITHUB_SHA": self.sha, "GITHUB_EVENT_NAME": self.event, "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(temp), "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true",
            "SOURCE_DATE_EPOCH": epoch(self.now),
        }
        base.update({k: substitute(v, context) for k, v in (job.get("env") or {}).items()})
        failed = False
        for number, step in enumerate(job["steps"], 1):
            statuses = {"success": not failed, "failure": failed, "always": True, "cancelled": False}
            if not condition(step.get("if"), context, statuses):
                continue
            label = step.get("name") or step.get("uses") or f"step {number}"
            with open(self.log, "a") as out:
                out.write(f"--- {label}\n")
            try:
                if "uses" in step:
                    self.action(step, workspace, context)
                    status = 0
                else:
                    environment_variables = dict(base)
                    environment_variables.update({k: substitute(v, context) for k, v in (step.get("env") or {}).items()})
                    script = substitute(step["run"], context)
                    status = run_shell(script, workspace, self.github.sandbox.environment(environment_variables),
                                       "bash --noprofile --norc -eo pipefail", self.log)
            except Failure as error:
                with open(self.log, "a") as out:
                    out.write(f"{label}: {error}\n")
                status = 1
            if status != 0:
                failed = True
        self.state[name] = "failure" if failed else "success"
        shutil.rmtree(workspace)   # what later jobs get is in the artifacts
        shutil.rmtree(temp)

    def action(self, step, workspace, context):
        uses, options = step["uses"], {k: substitute(v, context) for k, v in (step.get("with") or {}).items()}
        action = uses.split("@")[0]
        if action == "actions/checkout":
            depth = int(options.get("fetch-depth", 1))
            shutil.rmtree(workspace)
            self.github.sandbox.checkout(workspace, self.sha, depth or None)
        elif action == "actions/upload-artifact":
            name = options.get("name", "artifact")
            destination = self.store / name
            if destination.exists():
                raise Failure(f"an artifact named {name} exists already")
            hidden = str(options.get("include-hidden-files", "false")).lower() == "true"
            paths = [workspace / p.strip() for p in str(options["path"]).splitlines() if p.strip()]
            roots = [p if p.is_dir() else p.parent for p in paths]
            common = pathlib.Path(os.path.commonpath([str(r) for r in roots]))
            files = []
            for path in paths:
                if path.is_dir():
                    files += [f for f in path.rglob("*") if f.is_file()]
                elif path.is_file():
                    files.append(path)
            if not files:
                raise Failure(f"upload-artifact {name}: no files at {options['path']!r}")
            for source in files:
                relative = source.relative_to(common)
                if not hidden and any(part.startswith(".") for part in relative.parts):
                    continue
                target = destination / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)   # the zip keeps no file modes
        elif action == "actions/download-artifact":
            name = options["name"]
            source = self.store / name
            if not source.is_dir():
                raise Failure(f"download-artifact: no artifact named {name}")
            target = workspace / options.get("path", ".")
            for file in source.rglob("*"):
                if file.is_file():
                    destination = target / file.relative_to(source)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(file, destination)
        else:
            raise Failure(f"action {uses} is not emulated")

    def job_log(self, name):
        text = self.log.read_text()
        start = text.find(f"job {name}")
        end = text.find("\n===== ", start + 1)
        return text[start:end if end > 0 else None] if start >= 0 else ""

    def build(self):
        return self.store / "build"

    def artifact(self, name, path):
        return self.store / name / path


# ---------------------------------------------------------------------------------------------
# The story, on either platform, and what is served after each step.

SCHEDULED_PAGE = "content/aktuellt/planerad-publicering.md"
SCHEDULED = """---
title: Planerad publicering
date: 2026-06-02
publish_at: 2026-06-02T08:00:00+02:00
---
Den här nyheten publiceras klockan 08.00 den 2 juni 2026.
"""


class Story:
    def __init__(self, platform, sandbox, server, root, targets, work):
        self.platform, self.sandbox, self.server, self.root = platform, sandbox, server, root
        self.targets, self.work = targets, work
        self.problems = []

    def check(self, ok, what):
        print(f"    {'ok' if ok else 'FAIL'}: {what}")
        if not ok:
            self.problems.append(f"{self.platform.name}: {what}")
        return ok

    def kept(self, target):
        releases = target / "releases"
        return sorted(p.name for p in releases.iterdir() if not p.name.startswith(".")) if releases.is_dir() else []

    def log_lines(self, target):
        log = target / "served.log"
        return log.read_text().splitlines() if log.exists() else []

    @staticmethod
    def same_folder(folder, site):
        """FOLDER holds exactly the published files of SITE."""
        if not folder.is_dir():
            return False
        want = {r: p.read_bytes() for r, p in served_check.site_files(site)}
        have = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        return want == have

    def served(self, build, what):
        """The public site nginx serves is BUILD/public, and the intranet's current is BUILD/intranet."""
        problems = served_check.same(self.server, self.root, build / "public")
        self.check(not problems and self.same_folder(self.targets["public"] / "current", build / "public"),
                   f"nginx serves {what} (public), file for file" + (f": {problems[:2]}" if problems else ""))
        self.check(self.same_folder(self.targets["intranet"] / "current", build / "intranet"),
                   f"the intranet target serves {what} (intranet)")

    def page(self, path):
        status, _, body = self.server.get(self.root + path)
        return status, body.decode("utf-8", "replace")

    def finished(self, pipeline, what):
        print(f"  {what}: {pipeline.summary()}")
        return pipeline

    # The platform's two ways of doing things.
    def push(self, sha, now, fail_diff=False):
        raise NotImplementedError

    def approve(self, pipeline):
        raise NotImplementedError

    def rollback(self, now):
        raise NotImplementedError

    def schedule(self, now):
        raise NotImplementedError

    def merge_request(self, sha, now):
        raise NotImplementedError

    def publish_log(self, pipeline):
        raise NotImplementedError

    def tell(self):
        public, intranet, preview = self.targets["public"], self.targets["intranet"], self.targets["preview"]
        sandbox = self.sandbox
        about = "content/om-statistiken.md"
        original = (sandbox.repo / about).read_text()
        t0 = "2026-06-01T05:00:00Z"

        print("  1. publish: the first release, after a person approves")
        c1 = sandbox.commit("a scheduled news item", {SCHEDULED_PAGE: SCHEDULED})
        p1 = self.push(c1, t0)
        self.check(not public.exists() or not self.kept(public), "nothing is published before a person approves")
        self.check(self.status(p1, "diff") == "success", "diff ran against the (empty) live sites")
        for edition in ("public", "intranet"):
            report = self.report(p1, f"{edition}.html")
            self.check(report.is_file() and "<html" in report.read_text(errors="replace").lower(),
                       f"the HTML report of the {edition} site is an artifact ({report.name})")
        self.approve(p1)
        self.served(p1.build(), "release 1")
        self.check(len(self.kept(public)) == 1 and len(self.log_lines(public)) == 1, "one release, one line in served.log")
        status, body = self.page("aktuellt/planerad-publicering/")
        self.check(status == 404, "the scheduled page is not out yet (404)")

        print("  2. an identical publish: a commit that changes no page")
        c1b = sandbox.commit("README only", {"README.md": (sandbox.repo / "README.md").read_text() + "\n"})
        p2 = self.push(c1b, t0)
        self.approve(p2)
        self.check("nothing to publish" in self.publish_log(p2), "publish says there is nothing to publish")
        self.check(self.status(p2, "publish") == "success", "and succeeds (exit 0)")
        self.served(p1.build(), "release 1 still")
        self.check(len(self.kept(public)) == 1 and len(self.log_lines(public)) == 1, "still one release, one line in served.log")

        print("  3. a bad publish")
        c2 = sandbox.commit("a wrong figure", {about: original + "\nFELAKTIG UPPGIFT: 999 999 deltagare.\n"})
        p3 = self.push(c2, t0)
        self.approve(p3)
        self.served(p3.build(), "the bad release")
        self.check("FELAKTIG UPPGIFT" in self.page("om-statistiken/")[1], "the wrong figure is on the page")

        print("  4. rollback")
        self.rollback(t0)
        self.served(p1.build(), "release 1 again")

        print("  5. the fix")
        c3 = sandbox.commit("the figure corrected", {about: original + "\nRättad uppgift: 1 234 deltagare.\n"})
        p5 = self.push(c3, t0)
        self.check((self.report(p5, "public.release").read_text().strip() == self.served_release(public)),
                   "the fix's report compares with the release served (release 1)")
        self.approve(p5)
        self.served(p5.build(), "the fix")

        print("  6. rollback: to the release served before the fix, release 1, not the bad one")
        self.rollback(t0)
        self.served(p1.build(), "release 1, not the bad release")
        self.check("FELAKTIG UPPGIFT" not in self.page("om-statistiken/")[1], "the wrong figure is not served")

        print("  7. a push nobody approves, then the 06:00 schedule")
        c4 = sandbox.commit("an unreviewed change", {about: original + "\nOGRANSKAD ÄNDRING.\n"})
        p6 = self.push(c4, t0)
        t_scheduled = "2026-06-02T06:00:30Z"
        p7 = self.schedule(t_scheduled)
        self.check(self.status(p7, "publish") == "success", "the schedule published without a person")
        self.check((p7.build() / "public.commit").read_text().strip() in (c1, c1b),
                   "it built the commit of the release served now, not main")
        self.served(p7.build(), "the scheduled build")
        status, body = self.page("aktuellt/planerad-publicering/")
        self.check(status == 200 and "publiceras klockan 08.00" in body, "the scheduled page is out")
        self.check("OGRANSKAD" not in self.page("om-statistiken/")[1], "the unapproved change is not")

        print("  8. the 07:00 schedule: nothing new")
        lines = len(self.log_lines(public))
        p8 = self.schedule("2026-06-02T07:00:30Z")
        self.check("nothing to publish" in self.publish_log(p8), "publish says there is nothing to publish")
        self.check(len(self.log_lines(public)) == lines, "served.log has no new line")
        self.served(p7.build(), "the scheduled build still")

        print("  9. approving the push from before the schedule: refused, the site changed since its review")
        self.approve(p6, expect_failure=True)
        self.check("changed since it was reviewed" in self.publish_log(p6), "publish says the site changed since the review")
        self.served(p7.build(), "the scheduled build still")

        print("  10. a diff that fails (exit 2)")
        p9 = self.push(c4, t0, fail_diff=True)
        self.check(self.status(p9, "diff") in ("failed", "failure"), "the diff job fails")
        self.check(self.cannot_approve(p9), "publish cannot be run from that pipeline")
        self.served(p7.build(), "the scheduled build still")

        print("  11. a merge request: the review build, to the preview target")
        draft = "content/utkast-granskning.md"
        c5 = sandbox.commit("a draft page", {draft: "---\ntitle: Utkast till granskning\ndraft: true\n---\nDen här sidan är ett utkast.\n"}, branch="granskning")
        p10 = self.merge_request(c5, t0)
        review = self.report(p10, "review.html")
        self.check(review.is_file() and "<html" in review.read_text(errors="replace").lower(), "the review report is an artifact")
        self.check((preview / "current/utkast-granskning/index.html").is_file(), "the preview target serves the review build, its draft page included")
        self.check(self.same_folder(preview / "current", p10.build() / "review"), "the preview is the review build, file for file")
        self.served(p7.build(), "the scheduled build still (a merge request publishes nothing there)")

        listing = subprocess.run(["bash", str(PROJECT / "deploy/statik-deploy"), "list", str(public)],
                                 capture_output=True, text=True).stdout
        print("  the public target's history:\n" + "\n".join("    " + line for line in listing.splitlines()))
        self.check(len(self.log_lines(public)) == 6, "served.log: publish, publish, rollback, publish, rollback, schedule")

    def served_release(self, target):
        return os.readlink(target / "current").split("/", 1)[1]


class GitLabStory(Story):
    def push(self, sha, now, fail_diff=False):
        self.toggle(fail_diff)
        pipeline = self.platform.pipeline("push", sha, "main", now).run()
        self.toggle(False)
        self.last_push = pipeline
        self.check(pipeline.state.get("publish") in ("manual", "skipped"), "publish waits for a person (a manual job)" if pipeline.state.get("publish") == "manual" else "publish cannot run")
        return self.finished(pipeline, f"push {sha[:7]}")

    def toggle(self, fail_diff):
        if fail_diff:
            self.sandbox.fail_diff.touch()
        elif self.sandbox.fail_diff.exists():
            self.sandbox.fail_diff.unlink()

    def approve(self, pipeline, expect_failure=False):
        state = pipeline.play("publish")
        self.check(state == ("failed" if expect_failure else "success"), f"publish run by a person: {state}")
        if state != "success" and not expect_failure:
            print(pipeline.job_log("publish")[-3000:])

    def cannot_approve(self, pipeline):
        try:
            pipeline.play("publish")
        except Failure as error:
            print(f"    ({error})")
            return True
        return False

    def rollback(self, now):
        # A person runs the rollback job of the latest pipeline (it needs nothing before it).
        pipeline = self.last_push
        state = pipeline.play("rollback")
        self.check(state == "success", f"the rollback job: {state}")
        print("    " + "\n    ".join(l for l in pipeline.job_log("rollback").splitlines() if l.startswith("rolled back")))

    def schedule(self, now):
        pipeline = self.platform.pipeline("schedule", self.sandbox.git("rev-parse", "HEAD"), "main", now).run()
        self.check("test" not in pipeline.state, "a schedule runs no tests of main")
        return self.finished(pipeline, f"schedule at {now}")

    def merge_request(self, sha, now):
        pipeline = self.platform.pipeline("merge_request_event", sha, "granskning", now).run()
        self.check("publish" not in pipeline.state and "diff" not in pipeline.state, "a merge request has no publish job")
        self.check(pipeline.state.get("preview") == "success", "the preview job ran")
        return self.finished(pipeline, f"merge request {sha[:7]}")

    def status(self, pipeline, job):
        if job == "publish" and pipeline.variables["CI_PIPELINE_SOURCE"] == "schedule":
            job = "scheduled-publish"
        return pipeline.state.get(job)

    def publish_log(self, pipeline):
        job = "scheduled-publish" if pipeline.variables["CI_PIPELINE_SOURCE"] == "schedule" else "publish"
        return pipeline.job_log(job)

    def report(self, pipeline, name):
        job = "review" if name.startswith("review") else "diff"
        return pipeline.artifact(job, f"diff/{name}")


class GitHubStory(Story):
    def push(self, sha, now, fail_diff=False):
        GitLabStory.toggle(self, fail_diff)
        run = self.platform.run("push", sha, now).run()
        GitLabStory.toggle(self, False)
        if run.waiting:
            self.check(run.waiting == "publish", "publish waits for a reviewer of production")
        return self.finished(run, f"push {sha[:7]}")

    def approve(self, run, expect_failure=False):
        run.approve()
        state = run.state.get("publish")
        self.check(state == ("failure" if expect_failure else "success"), f"publish approved by a reviewer: {state}")
        if state != "success" and not expect_failure:
            print(run.job_log("publish")[-3000:])

    def cannot_approve(self, run):
        return run.waiting is None and run.state.get("publish") == "skipped"

    def rollback(self, now):
        run = self.platform.run("workflow_dispatch", self.sandbox.git("rev-parse", "HEAD"), now, {"action": "rollback"}).run()
        self.check(run.waiting == "rollback" and not any(s == "success" for s in run.state.values() if s != "waiting"),
                   "Run workflow (rollback) runs nothing else and waits for a reviewer")
        run.approve()
        self.check(run.state.get("rollback") == "success", f"the rollback job: {run.state.get('rollback')}")
        print("    " + "\n    ".join(l for l in run.job_log("rollback").splitlines() if l.startswith("rolled back")))

    def schedule(self, now):
        run = self.platform.run("schedule", self.sandbox.git("rev-parse", "HEAD"), now).run()
        self.check(run.state.get("test") == "skipped", "a schedule runs no tests of main")
        self.check(run.waiting is None, "the schedule waits for no reviewer (environment production-scheduled)")
        return self.finished(run, f"schedule at {now}")

    def merge_request(self, sha, now):
        run = self.platform.run("pull_request", sha, now, pull_request=7).run()
        self.check(run.state.get("publish") == "skipped" and run.state.get("diff") == "skipped", "a pull request publishes nothing")
        self.check(run.state.get("preview") == "success", "the preview job ran")
        return self.finished(run, f"pull request {sha[:7]}")

    def status(self, run, job):
        return run.state.get(job)

    def publish_log(self, run):
        return run.job_log("publish")

    def report(self, run, name):
        return run.artifact("review-report" if name.startswith("review") else "diff-reports", name)


def static_checks(gitlab, github):
    """What the recipes must say, read from them."""
    problems = []
    for path in ("deploy/gitlab-ci.yml", "deploy/github-actions.yml"):
        text = (PROJECT / path).read_text()
        if any("|" in line.replace("||", "") for line in text.splitlines() if re.search(r'statik"? diff', line)):
            problems.append(f"{path}: statik diff's output goes through a pipe (its exit status would be the pipe's)")
    jobs = gitlab.jobs
    if jobs["publish"]["rules"][0].get("when") != "manual" or jobs["publish"].get("allow_failure") is not False:
        problems.append("gitlab-ci.yml: publish is not a blocking manual job")
    if jobs["publish"].get("environment", {}).get("name") != "production":
        problems.append("gitlab-ci.yml: publish does not deploy to the production environment")
    if github.config["jobs"]["rollback"].get("environment") != "production":
        problems.append("github-actions.yml: rollback is not in the production environment")
    upload = [s for s in github.config["jobs"]["build"]["steps"] if "upload-artifact" in str(s.get("uses"))]
    if not upload or str(upload[0]["with"].get("include-hidden-files")).lower() != "true":
        problems.append("github-actions.yml: the build artifact leaves out .statik-manifest (include-hidden-files)")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statik", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--target", required=True, type=pathlib.Path)
    parser.add_argument("--work", type=pathlib.Path)
    parser.add_argument("--platform", choices=["gitlab", "github"], action="append")
    arguments = parser.parse_args()
    work = arguments.work or pathlib.Path(subprocess.run(["mktemp", "-d", "/tmp/statik-recipes.XXXXXX"], capture_output=True, text=True, check=True).stdout.strip())
    server = served_check.Server(arguments.base)
    problems = []
    platforms = arguments.platform or ["gitlab", "github"]
    for name in platforms:
        print(f"== {name}: {'deploy/gitlab-ci.yml' if name == 'gitlab' else 'deploy/github-actions.yml'}, run step by step")
        folder = work / name
        if folder.exists():
            shutil.rmtree(folder)
        sandbox = Sandbox(folder, str(pathlib.Path(arguments.statik).resolve()))
        sandbox.commit("the project", {})
        if arguments.target.exists():
            shutil.rmtree(arguments.target)
        targets = {"public": arguments.target, "intranet": folder / "www/intranet", "preview": folder / "www/preview"}
        (folder / "www").mkdir()
        if name == "gitlab":
            platform = GitLab(sandbox, sandbox.repo / "deploy/gitlab-ci.yml", {
                "PUBLIC_TARGET": str(targets["public"]), "INTRANET_TARGET": str(targets["intranet"]),
                "PREVIEW_TARGET": str(targets["preview"]), "PREVIEW_URL": "https://granskning.example.invalid/esf-statistik/",
                "DEPLOY_SSH_KEY": str(sandbox.keys / "deploy"), "REVIEW_SSH_KEY": str(sandbox.keys / "review"),
                "DEPLOY_KNOWN_HOSTS": "",
            })
            story = GitLabStory(platform, sandbox, server, arguments.root, targets, folder)
        else:
            platform = GitHub(sandbox, sandbox.repo / "deploy/github-actions.yml",
                              secrets={"DEPLOY_SSH_KEY": "(deploy key)", "REVIEW_SSH_KEY": "(review key)"},
                              variables={"PUBLIC_TARGET": str(targets["public"]), "INTRANET_TARGET": str(targets["intranet"]),
                                         "PREVIEW_TARGET": str(targets["preview"]), "PREVIEW_URL": "https://granskning.example.invalid/esf-statistik/",
                                         "DEPLOY_KNOWN_HOSTS": ""},
                              protected={"production"})
            story = GitHubStory(platform, sandbox, server, arguments.root, targets, folder)
        try:
            story.tell()
        except (Failure, subprocess.SubprocessError, OSError) as error:
            story.problems.append(f"{name}: stopped: {error}")
            print(f"  stopped: {error}")
        problems += story.problems
        if story.problems:
            print(f"  ({name}'s jobs' output: {folder}/*/log.txt)")
    gitlab = GitLab.__new__(GitLab)
    gitlab.config = yaml.safe_load((PROJECT / "deploy/gitlab-ci.yml").read_text())
    gitlab.jobs = {n: (merged(gitlab.config[j["extends"]], j) if "extends" in j else j) for n, j in gitlab.config.items() if isinstance(j, dict) and not n.startswith(".") and n not in GITLAB_KEYWORDS}
    github = GitHub.__new__(GitHub)
    github.config = yaml.safe_load((PROJECT / "deploy/github-actions.yml").read_text())
    problems += static_checks(gitlab, github)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    print(f"recipes: {'passed' if not problems else f'{len(problems)} problems'}")
    if not problems and not arguments.work:
        shutil.rmtree(work)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
