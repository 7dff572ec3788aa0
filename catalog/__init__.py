"""The products, one package each, registered in settings.INSURANCE_PRODUCTS.

A product package declares everything about its product in one place (a
products.registry.ProductDefinition): its answers and questions, how it is priced and
refused, its sale facts, refund, renewal, claims and documents, and the reference data
head office starts it with. Packages build on every app below them; no app imports a
package, they ask the registry. docs/architecture.md shows how to add one."""
