// @ts-check
/**
 * The wire types are inferred from zod schemas, so TypeDoc meets their fields as keys of a schema
 * object (`price: PriceSchema`, `merchant_id: merchantId`) and shows the key's initializer as a
 * default value ("merchant_id: number = merchantId"). That initializer is a schema, never a
 * default: drop it. Real defaults (parameters, class fields) are declared differently and stay.
 */
import ts from 'typescript';
import { Converter } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (reflection.defaultValue === undefined) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    if (declaration && ts.isPropertyAssignment(declaration)) reflection.defaultValue = undefined;
  });
}
