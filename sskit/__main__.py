from sskit.entry import run

run()
