// Tables and inferred types, split by domain. Import from "@/db/schema".

export * from "./agents";
export * from "./console";
export * from "./incident";
export * from "./journey";
export * from "./notices";
export * from "./people";
