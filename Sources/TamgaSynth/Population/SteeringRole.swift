/// What the synthesiser does with a capped retail customer's purchases.
enum SteeringRole: UInt8 {
  /// Ordinary activity, kept under the customer's limit.
  case organic
  /// Scripted purchases push the customer over their limit within one Almaty month or year.
  case breach
  /// Scripted purchases total exactly USD 1,000.00 in one Almaty month and nothing else is bought:
  /// the boundary a limit rule must not fire on.
  case exactlyAtCap
}
