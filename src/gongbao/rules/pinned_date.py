"""A gazette judged on a fixed day (gazette.yml's ``build_date``) says so at every check and build.

On that day consultations never close, feedback never falls due and documents never expire: right for a
snapshot (the sample, an archived copy), wrong for a live gazette — and a live gazette forked from the
sample would keep the sample's line and stand still without anyone noticing. A warning, not an error:
the snapshot is legitimate, and the rules themselves are applied as always (gongbao.content.clock).
A day still to come is an error: a snapshot records a day that was, and a pin ahead of the calendar would let a
勘误, a withdrawal or a consultation's end be dated in the future and pass as done."""
import datetime as dt

from gongbao.content.diagnostics import ERROR, WARNING, Diagnostic
from gongbao.content.settings import BUILD_DATE, FILENAME

ID = "pinned-date"


def check(ctx):
    pinned = ctx.settings.build_date
    if pinned is not None and pinned > dt.date.today():  # the calendar's day, not the one the pin makes
        yield Diagnostic(FILENAME, ctx.settings.build_date_line or 1,
                         f"{BUILD_DATE} {pinned.isoformat()} 在今天（{dt.date.today().isoformat()}）之后：尚未到来的日子不能作为判断日期",
                         f"改为今天或更早的日期；正式运行的公报删去 {FILENAME} 中的 {BUILD_DATE}", ERROR, ID)
    if pinned is not None and ctx.today == pinned:  # the pin decided the day (a caller may name its own)
        yield Diagnostic(FILENAME, ctx.settings.build_date_line or 1,
                         f"本站按固定日期 {pinned.isoformat()} 判断（{BUILD_DATE}）：征求意见是否截止、意见采纳情况是否逾期、"
                         "文件是否施行或失效，都按这一天，而不是构建当天",
                         f"正式运行的公报删去 {FILENAME} 中的 {BUILD_DATE}；只有样例或存档快照才固定日期", WARNING, ID)
