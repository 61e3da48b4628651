from gongbao.cli import main

raise SystemExit(main())
