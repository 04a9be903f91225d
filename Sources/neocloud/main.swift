import CLI

await NeocloudMain.run()
