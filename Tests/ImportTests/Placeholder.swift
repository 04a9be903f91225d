import Testing

@Test func placeholderImportTests() {}
