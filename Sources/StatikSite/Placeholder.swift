import StatikCore
