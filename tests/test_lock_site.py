"""The name and address every page was published under (the lock's ``website``) stay gazette.yml's: each twin's URLs, the
canonical links, the citations and the printed issues' masthead are made of them, and courts cite the URLs. A change is
refused at its line until ``gongbao lock --write --site`` records it; a lock dropping the record is weaker than the
published one, and a move the last published site did not have is said at every check."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import TODAY, Repo
from gongbao.cli import main
from gongbao.content import lock
from gongbao.content.settings import FILENAME as SETTINGS
from gongbao.publish.check import check

from test_lock import write_lock

NAME, URL = "测试公报", "https://example.gov.cn/"


@pytest.fixture
def locked(repo: Repo, capsys) -> Repo:
    repo.write(SETTINGS, (repo.path / SETTINGS).read_text(encoding="utf-8").replace(
        f'site: {{name: {NAME}, url: "{URL}"}}', f'site:\n  name: {NAME}\n  url: "{URL}"'))
    write_lock(repo)
    capsys.readouterr()
    return repo


def site_problems(repo: Repo, published: lock.Lock = lock.EMPTY) -> list:
    return [d for d in check(repo.path, TODAY, published=(published, [])).diagnostics if d.rule in ("lock", "lock-site")]


def test_the_first_lock_records_the_site(locked: Repo):
    assert lock.load(locked.path)[0].site == (NAME, URL)
    assert json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))["website"] == {"name": NAME, "url": URL}


@pytest.mark.parametrize("old, new, line, told", [
    (f'url: "{URL}"', 'url: "https://new.example.gov.cn/"', 3, f"site.url 由 {URL} 改为 https://new.example.gov.cn/"),
    (f'url: "{URL}"', 'url: "https://example.gov.cn/gb/"', 3, "site.url 由"),  # the same host, every path moved
    (f"name: {NAME}", "name: 测试市政府公报", 2, f"site.name 由“{NAME}”改为“测试市政府公报”"),
])
def test_a_changed_site_is_refused_until_lock_write_site_records_it(locked: Repo, capsys, old, new, line, told):
    locked.replace(SETTINGS, old, new)
    (problem,) = site_problems(locked)
    assert (problem.path, problem.line) == (SETTINGS, line) and problem.message.startswith(told)
    assert "gongbao lock --write --site" in problem.hint
    assert main(["lock", "--root", str(locked.path), "--write"]) == 1  # the error stands: nothing is written
    assert main(["lock", "--root", str(locked.path), "--write", "--site"]) == 0
    assert "→ 网站  名称" in capsys.readouterr().out
    assert site_problems(locked) == []


def test_a_move_the_published_site_did_not_have_is_said_and_a_dropped_record_refused(locked: Repo, tmp_path):
    (tmp_path / "site").mkdir()
    shutil.copy(locked.path / lock.FILENAME, tmp_path / "site" / lock.FILENAME)
    published = lock.read(tmp_path / "site" / lock.FILENAME, "site/gazette.lock.json")[0]
    locked.replace(SETTINGS, f'url: "{URL}"', 'url: "https://new.example.gov.cn/"')
    assert main(["lock", "--root", str(locked.path), "--write", "--site"]) == 0
    (warning,) = site_problems(locked, published)
    assert not warning.is_error and f"地址由“{URL}”改为“https://new.example.gov.cn/”" in warning.message
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["website"]
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert site_problems(locked) == []  # the committed lock alone is fooled …
    (problem,) = site_problems(locked, published)  # … the published one is not
    assert problem.is_error and "删去了网站名称和地址的记录（website）" in problem.message


@pytest.mark.parametrize("site", [{"name": NAME}, {"name": NAME, "url": ""}, "x", {"name": NAME, "url": URL, "x": "y"}])
def test_a_malformed_site_record_is_told(locked: Repo, site):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["website"] = site
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert any("website 应为" in d.message for d in check(locked.path, TODAY).diagnostics)
