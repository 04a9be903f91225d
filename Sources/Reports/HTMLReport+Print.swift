import Domain

/// Print: the title and generation time at the top of every page and `Page N of M` at the
/// bottom, in CSS page-margin boxes (Chromium prints them since version 131; a browser without
/// them prints the page without the running lines).
func printPageBoxes(title: String, generatedAt: String) -> String {
  """
    @media print {
      @page {
        @top-left { content: \(cssString(title)); font: 8pt system-ui, sans-serif; color: #5b6475; }
        @top-right { content: \(cssString("generated " + generatedAt)); font: 8pt system-ui, sans-serif; color: #5b6475; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #5b6475; }
      }
    }
  """
}

/// A CSS string literal: quotes and backslashes escaped, anything outside printable ASCII as a
/// code point, so that no text can end the string or the style element.
func cssString(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    if scalar == "\"" || scalar == "\\" || scalar == "<" || scalar == ">" || scalar.value < 0x20 || scalar.value > 0x7E
    {
      result += "\\" + String(scalar.value, radix: 16) + " "
    } else {
      result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
