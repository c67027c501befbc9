from themeday_office.cli import run

run()
