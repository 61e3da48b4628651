from gongbao.cli import console

raise SystemExit(console())
