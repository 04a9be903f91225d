import Foundation
import Testing

@testable import Reports

@Suite struct JSONTests {
  @Test func keysSortedByBytesAndNullKept() {
    let value: JSONValue = ["b": 1, "a": 2, "B": 3, "é": 4, "aa": 5, "x": nil]
    #expect(value.render(pretty: false) == #"{"B":3,"a":2,"aa":5,"b":1,"x":null,"é":4}"#)
  }

  @Test func stringEscapes() {
    let value = JSONValue.string("</script>\"\\\n\u{01}\t\u{1F}é/")
    #expect(value.render(pretty: false) == #""</script>\"\\\n\u0001\t\u001fé/""#)
  }

  @Test(arguments: [
    (1.0, "1"), (0.1, "0.1"), (1e-7, "0.0000001"), (1e21, "1000000000000000000000"),
    (-0.0, "0"), (-2.5, "-2.5"), (123_456.78, "123456.78"), (Double.nan, "null"),
    (Double.infinity, "null"),
  ])
  func numbers(value: Double, expected: String) {
    #expect(JSONValue.number(value).render(pretty: false) == expected)
  }

  @Test func integersAndHelpers() {
    #expect(JSONValue.integer(-5).render(pretty: false) == "-5")
    #expect(JSONValue.integer(.max).render(pretty: false) == "9223372036854775807")
    #expect(JSONValue(nil as Double?) == .null)
    #expect(JSONValue(3 as Int?) == .integer(3))
    #expect(JSONValue("x" as String?) == .string("x"))
    #expect(JSONValue.dollars(0.125).render(pretty: false) == "0.13")
    #expect(JSONValue.dollars(-0.001).render(pretty: false) == "0")
    #expect(JSONValue.dollars(nil as Double?) == .null)
    #expect(JSONValue.metric(1.0 / 3).render(pretty: false) == "0.333333333")
    #expect(JSONValue.metric(.nan) == .null)
    #expect(JSONValue(true).render(pretty: false) == "true")
  }

  @Test func prettyLayout() {
    let value: JSONValue = ["c": [], "b": [:], "a": [1, 2.5, nil, false, ["k": "v"]]]
    let expected = """
      {
        "a": [
          1,
          2.5,
          null,
          false,
          {
            "k": "v"
          }
        ],
        "b": {},
        "c": []
      }

      """
    #expect(value.render(pretty: true) == expected)
    #expect(value.render() == expected)
    #expect(value.render(pretty: false) == #"{"a":[1,2.5,null,false,{"k":"v"}],"b":{},"c":[]}"#)
  }

  @Test func outputParsesBackAsTheSameDocument() throws {
    let nasty = "tab\t, quote\", slash/ backslash\\ bell\u{07} nul\u{00} 日本 🚀"
    let value: JSONValue = ["s": .string(nasty), "n": -12.5, "z": nil, "list": [1, "two"]]
    for pretty in [true, false] {
      let data = Data(value.render(pretty: pretty).utf8)
      let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect(parsed["s"] as? String == nasty)
      #expect(parsed["n"] as? Double == -12.5)
      #expect(parsed["z"] is NSNull)
      #expect((parsed["list"] as? [Any])?.count == 2)
    }
  }
}
