"""The build log: Chinese progress lines and a summary, no English INFO lines of MkDocs; warnings pass."""
import json
import logging
import os
import re
import subprocess

from conftest import ROOT, Repo
from gongbao.publish import buildlog
from gongbao.content import lock

GONGBAO = str(ROOT / ".venv/bin/gongbao")


def test_the_build_log_is_chinese_with_a_summary(site_repo: Repo):
    data = json.loads((site_repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["urls"]["doc/wxzfl/180/"]  # one document the lock does not record yet: "new"
    site_repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1796083200"}
    result = subprocess.run([GONGBAO, "build"], cwd=site_repo.path, env=env, capture_output=True, text=True, timeout=600)
    log = result.stderr + result.stdout
    assert result.returncode == 0, log
    assert not [line for line in log.splitlines() if re.match(r"(INFO|DEBUG)\b", line)], log
    lines = [re.sub(r"^信息\s+-\s+", "", line) for line in log.splitlines()]
    assert lines[0] == "开始生成网站：检查内容……"
    assert re.match(r"gazette.yml:\d+: \[警告\] 本站按固定日期 2026-12-01 判断", lines[1])  # the sample's pin is never silent
    assert re.fullmatch(r"内容检查通过：11 份文件，9 篇解读（\d+\.\d 秒）", lines[2])
    assert lines[3].startswith("锁定文件尚未记录：+ doc/wxzfl/180/  新增  无锡市人民政府令第180号")
    assert any(re.fullmatch(r"写出 \d+ 个页面……", line) for line in lines)
    assert any(re.fullmatch(r"网站生成完毕：发布 10 份文件（新增 1 份，勘误 0 份）、9 篇解读，1 份依法不予公开、未发布；"
                            r"发布征求意见稿 2 份、起草说明 2 份、意见采纳情况 1 份，0 份依法不予公开、未发布；"
                            r"用时 \d+\.\d 秒", line) for line in lines), lines


def record(message: str, level=logging.INFO, name="mkdocs.commands.build") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, (), None)


def test_only_mkdocs_english_info_lines_are_left_out():
    handler = logging.StreamHandler()
    handler.name = buildlog.HANDLER
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        buildlog.install()
        buildlog.install()  # mkdocs serve runs the hooks again: one filter, not two
        assert len(handler.filters) == 1
        keep = handler.filters[0].filter
        assert not keep(record("Cleaning site directory"))
        assert not keep(record("Documentation built in 3.21 seconds"))
        assert keep(record("Documentation built in 3.21 seconds", logging.WARNING))  # strict mode counts warnings
        assert keep(record("A reference to 'x.md' is not found", logging.WARNING))
        assert keep(record("Some other INFO line MkDocs may add"))  # unknown lines are not hidden
        ours = record("内容检查通过", name="mkdocs.hooks.gazette")
        assert keep(ours) and ours.levelname == "信息"
    finally:
        logger.removeHandler(handler)


def test_the_lock_lines_are_counted_beyond_ten(repo: Repo):
    checked = repo.check()
    found = lock.changes(lock.EMPTY, lock.pages(checked.archive, checked.settings.issuer_codes))
    assert len(buildlog.unlocked(found)) == len(found) == 3
    many = found * 5
    lines = buildlog.unlocked(many)
    assert len(lines) == 11 and lines[-1] == "锁定文件尚未记录的另有 5 项：运行 gongbao lock 查看全部"
    assert buildlog.summary(checked.archive, found, 1.25) == (
        "网站生成完毕：发布 1 份文件（新增 1 份，勘误 0 份）、1 篇解读，0 份依法不予公开、未发布；用时 1.2 秒")
