from sskit.cli import main

main()
