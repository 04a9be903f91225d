import Domain

/// Market prices by GPU model, for the p0 lookup of §4: the latest price of a model observed on
/// or before a date.
package struct MarketPriceIndex: Sendable {
  /// Per model, sorted by `observedOn` ascending.
  private let byModel: [String: [MarketPrice]]

  package init(_ prices: [MarketPrice]) {
    var grouped: [String: [MarketPrice]] = [:]
    for price in prices { grouped[price.gpuModel, default: []].append(price) }
    for (model, list) in grouped {
      grouped[model] = list.sorted { $0.observedOn < $1.observedOn }
    }
    byModel = grouped
  }

  /// The price of `gpuModel` with the latest `observedOn` ≤ `day`, or nil when there is none.
  /// Model names match exactly (§2: `H100`, not `h100`).
  package func latest(_ gpuModel: String, onOrBefore day: Day) -> MarketPrice? {
    guard let list = byModel[gpuModel] else { return nil }
    // First index whose observedOn > day; the answer is just before it.
    var low = 0
    var high = list.count
    while low < high {
      let mid = (low + high) / 2
      if list[mid].observedOn <= day { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? nil : list[low - 1]
  }
}
