import Domain
import GRDB

extension Store {
  /// The market prices observed from `first` through `last` (inclusive), by gpu_model and
  /// observed_on: the history the simulation's price volatility reads (CREDIT §C.7).
  package func marketPrices(observedFrom first: Day, through last: Day) throws -> [MarketPrice] {
    try read { db in
      var prices: [MarketPrice] = []
      let rows = try Row.fetchCursor(
        db,
        sql: "SELECT gpu_model, observed_on, price_usd_per_gpu_hour FROM market_prices "
          + "WHERE observed_on >= ? AND observed_on <= ? ORDER BY gpu_model, observed_on",
        arguments: [first.description, last.description])
      while let row = try rows.next() {
        let text: String = row[1]
        guard let observedOn = Day(text) else {
          throw StoredValueError(table: "market_prices", column: "observed_on", value: text)
        }
        prices.append(MarketPrice(gpuModel: row[0], observedOn: observedOn, priceUSDPerGPUHour: row[2]))
      }
      return prices
    }
  }

  /// Every customer named in contracts with its worst rating over every provider (CREDIT §C.6:
  /// unrated, and an empty rating, is worst).
  package func worstCustomerRatings() throws -> [String: CustomerRating] {
    try read { db in
      var ratings: [String: CustomerRating] = [:]
      let rows = try Row.fetchCursor(db, sql: "SELECT DISTINCT customer, customer_rating FROM contracts")
      while let row = try rows.next() {
        let name: String = row[0]
        let text: String? = row[1]
        let rating = text.flatMap(CustomerRating.init(rawValue:)) ?? .unrated
        if let held = ratings[name], held.riskRank <= rating.riskRank { continue }
        ratings[name] = rating
      }
      return ratings
    }
  }
}
