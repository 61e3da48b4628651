"""rules/issuers.py: issuers and the 机关代字 of numbers are known to gazette.yml."""
from conftest import Repo

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"


def test_unknown_issuer_with_did_you_mean(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 无锡市政府办公室")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关 "无锡市政府办公室" 不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府办公室？） — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 无锡市政府办公室: 拼音缩写"]


def test_unknown_issuer_without_a_guess(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 江苏省财政厅")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关 "江苏省财政厅" 不在 gazette.yml 的 issuers 中 — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 江苏省财政厅: 拼音缩写"]


def test_joint_issuance_checks_every_issuer(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府, 无锡市人民政府办公室]")
    assert repo.messages() == []
    repo.replace(DOC, "issuer: [无锡市人民政府, 无锡市人民政府办公室]", "issuer: [无锡市人民政府, 无锡市财政]")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关 "无锡市财政" 不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府？） — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 无锡市财政: 拼音缩写"]


def test_issuer_code_missing(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "锡政办函〔2018〕68号")
    repo.replace(JD, "锡政办发〔2018〕68号", "锡政办函〔2018〕68号")
    assert repo.messages() == [
        f'{DOC}:3: 文号 锡政办函〔2018〕68号 的机关代字 "锡政办函" 没有网址代码 — '
        "在 gazette.yml 的 issuer_codes 下加入 锡政办函: 代码（小写字母，如 xzbf），代码一经发布不得更改"]


def test_issuer_code_of_a_traditional_number(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "錫政辦發〔2018〕68號")
    assert repo.messages() == []


def test_government_order_code(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "无锡市人民政府令第180号")
    repo.replace(DOC, "type: 规范性文件", "type: 规章")
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 无锡市人民政府")
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府规章")
    repo.replace(JD, "锡政办发〔2018〕68号", "无锡市人民政府令第180号")
    assert repo.messages() == []
