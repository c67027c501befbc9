from themeday_office.cli import main

raise SystemExit(main())
