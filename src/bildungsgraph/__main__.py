from bildungsgraph.cli import main

main()
