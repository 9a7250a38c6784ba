// Tables, relations and inferred types, split by domain. Import from "@/db/schema".
export * from "./incident";
export * from "./people";
export * from "./journey";
export * from "./relations";
export * from "./agents";
