from strideback.cli import main

main()
