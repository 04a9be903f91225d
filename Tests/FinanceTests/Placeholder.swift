import Testing

@Test func placeholderFinanceTests() {}
