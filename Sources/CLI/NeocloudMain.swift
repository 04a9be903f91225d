public enum NeocloudMain {
  public static func run() async {}
}
