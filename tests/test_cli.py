"""The command line as an editor uses it: subprocesses on real files in a temporary repository."""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, Repo
from gongbao.identifiers.vocabulary import ASPECTS

GONGBAO = str(ROOT / ".venv" / "bin" / "gongbao")
DOC = "gazette/2018/06/xzbf-2018-70.md"
JD = "interpretations/xzbf-2018-70-wzjd.md"


def run(repo: Repo, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01: statuses judged on a fixed day
    return subprocess.run([GONGBAO, *args], cwd=repo.path, env=env, capture_output=True, text=True, timeout=120)


def scaffold(repo: Repo) -> subprocess.CompletedProcess:
    return run(repo, "new", "document", "--issue", "2018/06", "--type", "规范性文件", "--number", "锡政办发[2018]70号")


def fill_document(repo: Repo, title: str = "无锡市人民政府办公室关于印发示例办法的通知") -> None:
    assert "\nissuer: 无锡市人民政府办公室  # 据机关代字 锡政办发 推定，请核对\n" in (repo.path / DOC).read_text(encoding="utf-8")
    for old, new in [("TODO：文件完整标题，如 关于……的通知", title),
                     ("TODO：成文日期", "2018-06-20"), ("TODO：发布日期", "2018-06-25"), ("TODO：文件状态", "执行中"),
                     ("TODO：公开属性", "主动公开"), ("TODO：栏目", "市政府办公室文件"),
                     ("TODO：粘贴文件正文；一、（一）1. 等标题写成普通行即可", "一、总体要求\n\n（一）加强统筹。")]:
        repo.replace(DOC, old, new)


def fill_interpretation(repo: Repo) -> None:
    repo.replace(JD, "TODO：解读标题，如 《……》文字解读", "《示例办法》文字解读")
    repo.replace(JD, "TODO：解读发布日期", "2018-06-25")
    repo.replace(JD, "TODO：解读机关或解读人", "无锡市人民政府办公室")
    text = (repo.path / JD).read_text(encoding="utf-8")
    (repo.path / JD).write_text(re.sub(r"TODO：(.+)", r"本节说明\1。", text), encoding="utf-8")


def test_help_is_bilingual(site_repo: Repo):
    top = run(site_repo, "--help").stdout
    assert "检查全部内容" in top and "validate all content" in top
    for command in (["new", "document"], ["import"], ["serve"], ["build"], ["check"]):
        text = run(site_repo, *command, "--help").stdout
        assert re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[a-z]{4} [a-z]{3,}", text), command


def reported(result) -> list[str]:
    """What check printed after the first line, which is the sample's pinned day (gazette.yml build_date: its rule
    is tested in test_participation)."""
    lines = result.stdout.splitlines()
    assert "本站按固定日期 2026-12-01" in lines[0], lines
    return lines[1:]


def test_scaffold_fill_check_build_break(site_repo: Repo):
    made = scaffold(site_repo)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:2] == [f"已创建 {DOC}", f"已创建 {JD}"]
    text = (site_repo.path / JD).read_text(encoding="utf-8")
    assert [h for h in text.splitlines() if h.startswith("## ")] == [
        "## 一、背景依据", "## 二、目标任务", "## 三、主要内容", "## 四、涉及范围", "## 五、执行标准",
        "## 六、注意事项", "## 七、关键词诠释", "## 八、惠民利民举措", "## 九、新旧政策差异"]
    assert "slug: xzbf-2018-70-wzjd" in text and "interprets: 锡政办发〔2018〕70号" in text

    unfilled = run(site_repo, "check")
    assert unfilled.returncode == 1
    assert reported(unfilled) == [
        f"{DOC}:6: written 的日期 “TODO：成文日期” 格式不对 — 写成 written: 2018-06-05（年-月-日）",
        f"{DOC}:7: published 的日期 “TODO：发布日期” 格式不对 — 写成 published: 2018-06-05（年-月-日）",
        f"{DOC}:8: status “TODO：文件状态” 无效，应为 尚未施行|执行中|已修订|已废止|已失效 — 改为 尚未施行|执行中|已修订|已废止|已失效 之一",
        f"{DOC}:9: disclosure “TODO：公开属性” 无效，应为 主动公开|部分公开|依申请公开|不予公开 — 改为 主动公开|部分公开|依申请公开|不予公开 之一",
        f"{JD}:4: published 的日期 “TODO：解读发布日期” 格式不对 — 写成 published: 2018-06-05（年-月-日）",
    ]

    # Every loadable value filled but the free-text ones: the placeholder rule still refuses.
    fill_document(site_repo, title="TODO：文件完整标题")
    site_repo.replace(JD, "TODO：解读发布日期", "2018-06-25")
    partly = run(site_repo, "check")
    assert partly.returncode == 1
    lines = partly.stdout.splitlines()
    assert f"{DOC}:2: title 尚未填写（TODO：文件完整标题） — 按提示填写 title，并删去 TODO" in lines
    assert f"{JD}:2: title 尚未填写（TODO：解读标题，如 《……》文字解读） — 按提示填写 title，并删去 TODO" in lines
    assert f"{JD}:11: 正文尚未填写（TODO：出台的背景和法律、政策依据） — 写好这一处，并删去 TODO 提示；只给编辑看的话写成 <!-- 注释 -->" in lines
    assert len([x for x in lines if "TODO" in x]) == 2 + 1 + 9  # two titles, the author, nine aspects

    site_repo.replace(DOC, "TODO：文件完整标题", "无锡市人民政府办公室关于印发示例办法的通知")
    site_repo.replace(JD, "2018-06-25", "TODO：解读发布日期")
    fill_interpretation(site_repo)
    clean = run(site_repo, "check")
    assert (clean.returncode, reported(clean)) == (0, []), clean.stdout
    assert "0 个错误" in clean.stderr

    built = run(site_repo, "build")
    assert built.returncode == 0, built.stderr
    page = (site_repo.path / "site/doc/xzbf/2018/70/index.html").read_text(encoding="utf-8")
    assert "无锡市人民政府办公室关于印发示例办法的通知" in page
    assert (site_repo.path / "site/doc/xzbf/2018/70/jiedu/xzbf-2018-70-wzjd/index.html").is_file()

    site_repo.replace(DOC, "disclosure: 主动公开", "disclosure: 主动")
    site_repo.replace(JD, "published: 2018-06-25", "published: 2018-07-02")
    site_repo.replace(JD, "## 九、新旧政策差异", "## 九、其他")
    broken = run(site_repo, "check")
    assert broken.returncode == 1
    assert reported(broken) == [
        f"{DOC}:9: disclosure “主动” 无效，应为 主动公开|部分公开|依申请公开|不予公开（是否应为 主动公开？） — 改为 主动公开 之一",
        f"{JD}:9: [警告] 文字解读缺少以下方面的标题：新旧政策差异 — 为每个方面加一个标题，如 ## 一、背景依据",
    ]
    site_repo.replace(DOC, "disclosure: 主动", "disclosure: 主动公开")
    late = run(site_repo, "check", "--format", "json")
    assert late.returncode == 1
    pinned, *found = json.loads(late.stdout)
    assert (pinned["path"], pinned["rule"], pinned["severity"]) == ("gazette.yml", "pinned-date", "warning")
    assert [(d["path"], d["rule"], d["severity"]) for d in found] == [
        (DOC, "pairing", "error"), (JD, "aspects", "warning")]
    assert found[0]["message"] == f"锡政办发〔2018〕70号 的首篇解读 {JD} 发布于 2018-07-02，晚于 2018-06-25"
    failed = run(site_repo, "build")
    assert failed.returncode == 1
    assert "晚于 2018-06-25" in failed.stderr
    assert (site_repo.path / "site/doc/xzbf/2018/70/index.html").is_file()  # the last good site stays


def test_check_as_github_annotations(site_repo: Repo):
    site_repo.replace("gazette/2018/06/xzbf-68.md", "issuer: 无锡市人民政府办公室", "issuer: 无锡市人民政府办公厅")
    result = run(site_repo, "check", "--format", "github")
    assert result.returncode == 1
    assert reported(result) == [
        "::error file=gazette/2018/06/xzbf-68.md,line=4,title=issuer::制发机关“无锡市人民政府办公厅”不在 gazette.yml "
        "的 issuers 中（是否应为 无锡市人民政府？） — 改正机关名称，或在 gazette.yml 的 issuers 下加入 无锡市人民政府办公厅: 拼音缩写"]
    # not also told a published fact changed without a 勘误 (rules/lock.py): the issuer is an error of its own


def test_a_check_that_ends_its_process_at_once_still_prints_everything(site_repo: Repo):
    """The installed command ends a check without cleaning up (gongbao.cli.console): what it printed into a pipe,
    block-buffered when PYTHONUNBUFFERED is not set, must be out first — in full, from both entry points."""
    for number in range(1, 40):  # problems enough to fill more than one buffer
        site_repo.write(f"gazette/2018/06/extra-{number}.md", f"---\ntitle: 第{number}份\n---\n\n正文。\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | {"SOURCE_DATE_EPOCH": "1796083200"}
    python = str(ROOT / ".venv/bin/python")
    for form in ("json", "text"):
        in_process = subprocess.run([python, "-c", f"import sys; from gongbao.cli import main; "
                                     f"sys.exit(main(['check', '--format', '{form}']))"],
                                    cwd=site_repo.path, env=env, capture_output=True, text=True, timeout=120)
        assert in_process.returncode == 1 and len(in_process.stdout.encode()) > 16_384, in_process.stderr
        for command in ([GONGBAO], [python, "-m", "gongbao"]):
            ended = subprocess.run([*command, "check", "--format", form], cwd=site_repo.path, env=env,
                                   capture_output=True, text=True, timeout=120)
            assert (ended.returncode, ended.stdout, ended.stderr) == (1, in_process.stdout, in_process.stderr), command


def test_a_reader_that_goes_away_gets_no_traceback(site_repo: Repo):
    """`gongbao check | head -1`: the pipe closes before the check prints; it ends quietly, not with Python's traceback."""
    site_repo.write("gazette/2018/06/extra.md", "---\ntitle: 缺字段\n---\n\n正文。\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | {"SOURCE_DATE_EPOCH": "1796083200"}
    for command in ([GONGBAO], [str(ROOT / ".venv/bin/python"), "-m", "gongbao"]):
        for form in ("json", "text"):
            read, write = os.pipe()
            os.close(read)  # no reader at all: the first write fails
            try:
                ended = subprocess.run([*command, "check", "--format", form], cwd=site_repo.path, env=env, stdout=write,
                                       stderr=subprocess.PIPE, text=True, timeout=120)
            finally:
                os.close(write)
            assert ended.returncode == 1 and "Traceback" not in ended.stderr and "Error" not in ended.stderr, ended.stderr


def test_a_check_imports_no_other_command(site_repo: Repo):
    """Each command's module is imported when it runs (gongbao.cli.COMMANDS): a check loads no build, server or importer."""
    probe = ("import sys; from gongbao.cli import main; code = main(['check']); "
             "print(' '.join(m for m in sys.modules if m.startswith('gongbao'))); sys.exit(code)")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", probe], cwd=site_repo.path, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "SOURCE_DATE_EPOCH": "1796083200"})
    loaded = set(result.stdout.split("\n")[-2].split())
    assert result.returncode == 0 and "gongbao.commands.check" in loaded and "gongbao.publish.checkcache" in loaded
    assert loaded.isdisjoint({"gongbao.publish.build", "gongbao.serve", "gongbao.tools.importer", "gongbao.tools.scaffold",
                              "gongbao.tools.status", "gongbao.commands.new", "gongbao.commands.build"}), loaded


def test_check_json_on_a_clean_repository(site_repo: Repo):
    result = run(site_repo, "check", "--format", "json")
    assert result.returncode == 0
    assert all(d["severity"] == "warning" for d in json.loads(result.stdout))


def _run_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([GONGBAO, *args], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1796083200"})


def test_check_from_a_subfolder_checks_the_whole_repository(site_repo: Repo):
    whole = run(site_repo, "check")
    inside = _run_in(site_repo.path / "gazette" / "2018" / "06", "check")
    assert inside.returncode == whole.returncode == 0, inside.stderr
    assert inside.stderr == whole.stderr and "0 份文件" not in inside.stderr
    site_repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 尚未施行")
    broken = _run_in(site_repo.path / "interpretations", "check")
    assert broken.returncode == 1 and "gazette/2018/06/xzbf-68.md:" in broken.stdout


def test_commands_outside_a_repository_refuse(site_repo: Repo, tmp_path):
    outside = tmp_path / "not-a-repository"
    (outside / "gazette" / "2018").mkdir(parents=True)  # looks like one, but has no gazette.yml
    refusal = f"错误：{outside} 及其上级目录中都没有 gazette.yml，这里不是公报仓库"
    for args in (["check"], ["check", "--format", "json"], ["lock"], ["build"],
                 ["new", "issue", "--year", "2019", "--number", "1", "--published", "2019-01-31"]):
        result = _run_in(outside, *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith(refusal) and result.stdout == "", args
    assert _run_in(site_repo.path, "check", "--root", str(outside)).returncode == 2
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == ["gazette", "gazette/2018"]


def test_a_current_folder_deleted_under_the_shell_is_refused_without_a_traceback(site_repo: Repo, tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    for args in (["check"], ["lock"], ["check", "--root", "."], ["check", "--root", str(site_repo.path)]):
        # the shell stays in the folder after it is removed: the process starts with a current folder that has no path
        result = subprocess.run(["sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$0" "$@"', GONGBAO, str(gone), *args],
                                capture_output=True, text=True, timeout=120, env={**os.environ, "SOURCE_DATE_EPOCH": "1796083200"})
        gone.mkdir()
        assert "Traceback" not in result.stderr, args
        if args[-1] == str(site_repo.path):  # a whole path needs no current folder
            assert result.returncode == 0, result.stderr
        else:
            assert result.returncode == 2 and result.stderr.startswith("错误：当前目录已不存在"), (args, result.stderr)


def test_a_root_that_is_a_symbolic_link_loop_is_refused_without_a_traceback(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    result = subprocess.run([GONGBAO, "check", "--root", str(tmp_path / "loop")], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (2, f"错误：{tmp_path / 'loop'} 是循环的符号链接，指不到任何目录 — "
                                                     "用 --root 写出公报仓库的实际路径\n")


def test_new_never_overwrites(site_repo: Repo):
    assert scaffold(site_repo).returncode == 0
    site_repo.replace(DOC, "TODO：成文日期", "2018-06-20")
    again = scaffold(site_repo)
    assert again.returncode == 1
    assert again.stderr.strip() == (f"错误：文件已存在，未作任何修改：{DOC}、{JD} — 直接编辑已有文件；确需重新生成，请先自行删除或改名")
    assert "2018-06-20" in (site_repo.path / DOC).read_text(encoding="utf-8")


def test_new_document_refuses_a_number_already_published(site_repo: Repo):
    result = run(site_repo, "new", "document", "--issue", "2018/07", "--type", "规范性文件", "--number", "錫政辦發〔2018〕68號")
    assert result.returncode == 1
    assert result.stderr.strip() == "错误：文号 锡政办发〔2018〕68号 已由 gazette/2018/06/xzbf-68.md 使用 — 编辑该文件，或核对文号"


def test_new_document_needs_its_issue_and_an_issuer_code(site_repo: Repo):
    missing = run(site_repo, "new", "document", "--issue", "2020/01", "--type", "规范性文件", "--number", "锡政办发〔2020〕1号")
    assert missing.stderr.strip() == "错误：2020年第1期 还不存在 — 先运行 gongbao new issue --year 2020 --number 1"
    unknown = run(site_repo, "new", "document", "--issue", "2018/06", "--type", "规范性文件", "--number", "锡环发〔2018〕3号")
    assert unknown.returncode == 1
    assert "机关代字“锡环发”没有网址代码 — 先在 gazette.yml 的 issuer_codes 下加入 锡环发" in unknown.stderr


def test_new_issue_follows_the_previous_issue(site_repo: Repo):
    result = run(site_repo, "new", "issue", "--year", "2019", "--number", "9", "--published", "2019-09-30")
    assert result.returncode == 0, result.stderr
    text = (site_repo.path / "gazette/2019/09/index.md").read_text(encoding="utf-8")
    assert text.startswith("---\nyear: 2019\nnumber: 9\ntotal_number: 404\npublished: 2019-09-30\nsections: [市政府文件]\n---\n")
    assert reported(run(site_repo, "check")) == [
        "gazette/2019/09/index.md:8: 正文尚未填写（TODO：本期编者按（可选；不需要就删去这一行）） — 写好这一处，并删去 TODO 提示；只给编辑看的话写成 <!-- 注释 -->"]
    site_repo.replace("gazette/2019/09/index.md", "TODO：本期编者按（可选；不需要就删去这一行）", "")
    assert run(site_repo, "check").returncode == 0
    made = run(site_repo, "new", "document", "--issue", "2019/9", "--type", "其他文件", "--number", "锡政办函〔2019〕7号")
    assert made.stdout.splitlines()[0] == "已创建 gazette/2019/09/xzbh-2019-7.md"
    assert not (site_repo.path / "interpretations/xzbh-2019-7-wzjd.md").exists()  # 其他文件 need none


def test_new_interpretation_of_an_existing_document(site_repo: Repo):
    result = run(site_repo, "new", "interpretation", "--of", "锡政办发〔2018〕68号", "--kind", "问答")
    assert result.returncode == 0, result.stderr
    path = "interpretations/xzbf-2018-68-wd.md"
    text = (site_repo.path / path).read_text(encoding="utf-8")
    assert "kind: 问答" in text and "slug: xzbf-2018-68-wd" in text
    assert re.findall(r"^## [一二三四五六七八九]、(\S+)$", text, re.M) == list(ASPECTS)  # the headings check asks for
    assert text.startswith("---\ntitle: 《無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知》问答\n")
    site_repo.replace(path, "TODO：解读发布日期", "2018-07-01")
    site_repo.replace(path, "TODO：解读机关或解读人", "无锡市人民政府办公室")
    text = (site_repo.path / path).read_text(encoding="utf-8")
    (site_repo.path / path).write_text(re.sub(r"TODO：(.+)", r"关于\1的说明。", text), encoding="utf-8")
    assert run(site_repo, "check").returncode == 0
    again = run(site_repo, "new", "interpretation", "--of", "锡政办发〔2018〕68号", "--kind", "qa")
    assert again.returncode == 1
    assert "已有网址名为 xzbf-2018-68-wd 的解读" in again.stderr and "--slug" in again.stderr
    other = run(site_repo, "new", "interpretation", "--of", "锡政办发〔2018〕68号", "--kind", "问答", "--slug", "xzbf-2018-68-wd2")
    assert other.stdout.splitlines()[0] == "已创建 interpretations/xzbf-2018-68-wd2.md"


def test_serve_rebuilds_on_change_and_survives_a_broken_edit(site_repo: Repo, tmp_path):
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen([GONGBAO, "serve", "--port", "0"], cwd=site_repo.path, env=env, stdout=out, stderr=out)
    try:
        assert _wait(lambda: re.search(r"http://127\.0\.0\.1:\d+/", log.read_text())), "serve printed no address"
        page = re.search(r"http://127\.0\.0\.1:\d+/", log.read_text())[0] + "doc/xzbf/2018/68/"

        def fetch() -> str:
            with urllib.request.urlopen(page, timeout=10) as response:
                return response.read().decode("utf-8")

        assert "全面推進政務公開" in fetch()
        site_repo.replace("gazette/2018/06/xzbf-68.md", "實施辦法的通知", "實施辦法的通知（修訂稿）")
        # the sample is locked (gazette.lock.json): a published title changes only with a 勘误
        site_repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中",
                          "status: 执行中\ncorrections: [{date: 2018-06-10, change: 标题加注修訂稿, reason: 示例}]")
        assert _wait(lambda: "（修訂稿）" in fetch()), "no rebuild after an edit"
        site_repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
        assert _wait(lambda: "修改未生效" in log.read_text()), "a refused edit was not reported"
        assert "（修訂稿）" in fetch()  # the previous site is still served
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait(condition, timeout: float = 90):  # generous: builds are slow on a busy machine
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    return None


def test_every_subcommand_is_documented_in_the_readme():
    from gongbao.cli import _parser

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Editor workflow", 1)[1].split("\n## ", 1)[0]
    actions = [a for a in _parser()._actions if a.dest == "command"][0].choices
    for name, sub in actions.items():
        nested = [a for a in sub._actions if a.dest == "what"]
        names = [f"{name} {n}" for n in nested[0].choices] if nested else [name]
        for command in names:
            assert f"`gongbao {command}" in section, command


def test_pre_commit_and_ci_run_the_same_check():
    import yaml

    hook = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert (hook["entry"], hook["pass_filenames"]) == ("gongbao check", False)
    for path in ("gazette/2018/06/xzbf-68.md", "interpretations/a.md", "gazette.yml", "gazette.lock.json", "drafts/a.md",
                 "explanations/a.md", "feedback/a.md", "decisions/2018.md"):
        assert re.search(hook["files"], path), path
    assert not re.search(hook["files"], "src/gongbao/cli.py")
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert any(".venv/bin/gongbao check --format github --locked --base FETCH_HEAD" in s for s in steps)  # the lock too
    assert any(".venv/bin/gongbao build" in s and "SOURCE_DATE_EPOCH" in s for s in steps)
    # rebuilt daily, judged on the day (not the last commit's): consultations close and feedback falls due on time
    assert workflow[True]["schedule"] and any("SOURCE_DATE_EPOCH=" in s and "GITHUB_ENV" in s and "git log" not in s
                                              for s in steps)
