/**
 * The documented interfaces (src/schemas/*.ts) are written by hand so that editors show their names
 * and field docs; the zod schemas (src/schemas/zod/*.ts) are what validates at runtime. Each line
 * below proves one interface equal to its schema's inferred type, index signatures removed: a field
 * added, dropped, renamed, made optional or nullable on one side only fails typechecking.
 * A new wire type (e.g. `Subscription`) is one more line.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type * as Api from '../../src/index.js';
import type { Clean } from '../../src/schemas/shared.js';
import type { SyncResponse } from '../../src/schemas/transaction.js';
import type * as Account from '../../src/schemas/zod/account.js';
import type * as Cart from '../../src/schemas/zod/cart.js';
import type * as Detect from '../../src/schemas/zod/detect.js';
import type * as Merchant from '../../src/schemas/zod/merchant.js';
import type * as Params from '../../src/schemas/zod/params.js';
import type * as Responses from '../../src/schemas/zod/responses.js';
import type * as Shared from '../../src/schemas/zod/shared.js';
import type * as Subs from '../../src/schemas/zod/subscription.js';
import type * as Txn from '../../src/schemas/zod/transaction.js';
import type * as Webhook from '../../src/schemas/zod/webhook.js';

/** What a response schema hands over: its output, without the index signature looseObject adds. */
type Out<S extends z.ZodType> = Clean<z.output<S>>;
/** What a params schema accepts: its input, likewise. */
type In<S extends z.ZodType> = Clean<z.input<S>>;

describe('documented response types equal their schemas', () => {
  it('transactions and their parts', () => {
    expectTypeOf<Api.Transaction>().toEqualTypeOf<Out<typeof Txn.TransactionSchema>>();
    expectTypeOf<Api.PaymentMethod>().toEqualTypeOf<Out<typeof Txn.PaymentMethodSchema>>();
    expectTypeOf<Api.Price>().toEqualTypeOf<Out<typeof Txn.PriceSchema>>();
    expectTypeOf<Api.Adjustment>().toEqualTypeOf<Out<typeof Shared.AdjustmentSchema>>();
    expectTypeOf<Api.Product>().toEqualTypeOf<Out<typeof Txn.ProductSchema>>();
    expectTypeOf<Api.ProductPrice>().toEqualTypeOf<Out<typeof Txn.ProductPriceSchema>>();
    expectTypeOf<Api.Seller>().toEqualTypeOf<Out<typeof Txn.SellerSchema>>();
    expectTypeOf<Api.Shipping>().toEqualTypeOf<Out<typeof Txn.ShippingSchema>>();
    expectTypeOf<Api.ShippingLocation>().toEqualTypeOf<Out<typeof Txn.ShippingLocationSchema>>();
    expectTypeOf<Api.Address>().toEqualTypeOf<Out<typeof Shared.AddressSchema>>();
    expectTypeOf<SyncResponse>().toEqualTypeOf<Out<typeof Txn.SyncResponseSchema>>();
    expectTypeOf<Api.MerchantRef>().toEqualTypeOf<Out<typeof Shared.MerchantRefSchema>>();
  });

  it('merchants, accounts and acknowledgements', () => {
    expectTypeOf<Api.Merchant>().toEqualTypeOf<Out<typeof Merchant.MerchantSchema>>();
    expectTypeOf<Api.Merchant[]>().toEqualTypeOf<Out<typeof Merchant.MerchantListSchema>>();
    expectTypeOf<Api.MerchantAccount>().toEqualTypeOf<Out<typeof Account.MerchantAccountSchema>>();
    expectTypeOf<Api.MerchantAccount[]>().toEqualTypeOf<Out<typeof Account.MerchantAccountListSchema>>();
    expectTypeOf<Api.SessionResponse>().toEqualTypeOf<Out<typeof Responses.SessionResponseSchema>>();
    expectTypeOf<Api.MessageResponse>().toEqualTypeOf<Out<typeof Responses.MessageResponseSchema>>();
  });

  it('subscriptions', () => {
    expectTypeOf<Api.Subscription>().toEqualTypeOf<Out<typeof Subs.SubscriptionSchema>>();
    expectTypeOf<Api.SubscriptionPrice>().toEqualTypeOf<Out<typeof Subs.SubscriptionSchema>['price']>();
    expectTypeOf<Api.SubscriptionPage>().toEqualTypeOf<Out<typeof Subs.SubscriptionPageSchema>>();
  });

  it('detect', () => {
    expectTypeOf<Api.DetectedAccount>().toEqualTypeOf<Out<typeof Detect.DetectedAccountSchema>>();
    expectTypeOf<Api.DetectedAccountSearchResult>().toEqualTypeOf<Out<typeof Detect.DetectedAccountSearchResultSchema>>();
    expectTypeOf<Api.DetectedAccountSearchResult[]>().toEqualTypeOf<Out<typeof Detect.DetectedAccountSearchResultsSchema>>();
  });

  it('every webhook event', () => {
    expectTypeOf<Api.AuthenticatedEvent>().toEqualTypeOf<Out<typeof Webhook.AuthenticatedEventSchema>>();
    expectTypeOf<Api.NewTransactionsAvailableEvent>().toEqualTypeOf<Out<typeof Webhook.NewTransactionsAvailableEventSchema>>();
    expectTypeOf<Api.UpdatedTransactionsAvailableEvent>().toEqualTypeOf<Out<typeof Webhook.UpdatedTransactionsAvailableEventSchema>>();
    expectTypeOf<Api.AccountLoginRequiredEvent>().toEqualTypeOf<Out<typeof Webhook.AccountLoginRequiredEventSchema>>();
    expectTypeOf<Api.MerchantStatusUpdateEvent>().toEqualTypeOf<Out<typeof Webhook.MerchantStatusUpdateEventSchema>>();
    expectTypeOf<Api.CredentialsFailedEvent>().toEqualTypeOf<Out<typeof Webhook.CredentialsFailedEventSchema>>();
    expectTypeOf<Api.OtpRequiredEvent>().toEqualTypeOf<Out<typeof Webhook.OtpRequiredEventSchema>>();
    expectTypeOf<Api.OtpFailedEvent>().toEqualTypeOf<Out<typeof Webhook.OtpFailedEventSchema>>();
    expectTypeOf<Api.QuestionsRequiredEvent>().toEqualTypeOf<Out<typeof Webhook.QuestionsRequiredEventSchema>>();
    expectTypeOf<Api.QuestionsFailedEvent>().toEqualTypeOf<Out<typeof Webhook.QuestionsFailedEventSchema>>();
    expectTypeOf<Api.LoginApprovalEvent>().toEqualTypeOf<Out<typeof Webhook.LoginApprovalEventSchema>>();
    expectTypeOf<Api.LicenseRequiredEvent>().toEqualTypeOf<Out<typeof Webhook.LicenseRequiredEventSchema>>();
    expectTypeOf<Api.LicenseFailedEvent>().toEqualTypeOf<Out<typeof Webhook.LicenseFailedEventSchema>>();
    expectTypeOf<Api.AccountsRetrievedEvent>().toEqualTypeOf<Out<typeof Webhook.AccountsRetrievedEventSchema>>();
    expectTypeOf<Api.CardUpdatingEvent>().toEqualTypeOf<Out<typeof Webhook.CardUpdatingEventSchema>>();
    expectTypeOf<Api.CardUpdatedEvent>().toEqualTypeOf<Out<typeof Webhook.CardUpdatedEventSchema>>();
    expectTypeOf<Api.CardFailedEvent>().toEqualTypeOf<Out<typeof Webhook.CardFailedEventSchema>>();
    expectTypeOf<Api.SyncCartSucceededEvent>().toEqualTypeOf<Out<typeof Webhook.SyncCartSucceededEventSchema>>();
    expectTypeOf<Api.SyncCartFailedEvent>().toEqualTypeOf<Out<typeof Webhook.SyncCartFailedEventSchema>>();
    expectTypeOf<Api.CheckoutSucceededEvent>().toEqualTypeOf<Out<typeof Webhook.CheckoutSucceededEventSchema>>();
    expectTypeOf<Api.CheckoutFailedEvent>().toEqualTypeOf<Out<typeof Webhook.CheckoutFailedEventSchema>>();
    expectTypeOf<Api.VaultingSucceededEvent>().toEqualTypeOf<Out<typeof Webhook.VaultingSucceededEventSchema>>();
    expectTypeOf<Api.VaultingFailedEvent>().toEqualTypeOf<Out<typeof Webhook.VaultingFailedEventSchema>>();
    expectTypeOf<Api.NewSubscriptionsAvailableEvent>().toEqualTypeOf<Out<typeof Webhook.NewSubscriptionsAvailableEventSchema>>();
    expectTypeOf<Api.UpdatedSubscriptionsAvailableEvent>().toEqualTypeOf<Out<typeof Webhook.UpdatedSubscriptionsAvailableEventSchema>>();
    expectTypeOf<Api.CancellationSucceededEvent>().toEqualTypeOf<Out<typeof Webhook.CancellationSucceededEventSchema>>();
    expectTypeOf<Api.CancellationFailedEvent>().toEqualTypeOf<Out<typeof Webhook.CancellationFailedEventSchema>>();
    expectTypeOf<Api.NewDetectedAccountsAvailableEvent>().toEqualTypeOf<Out<typeof Webhook.NewDetectedAccountsAvailableEventSchema>>();
    expectTypeOf<Api.LoginStepData>().toEqualTypeOf<Out<typeof Webhook.LoginStepDataSchema>>();
    expectTypeOf<Api.Cart>().toEqualTypeOf<Out<typeof Cart.CartSchema>>();
    expectTypeOf<Api.Fulfillment>().toEqualTypeOf<Out<typeof Cart.FulfillmentSchema>>();
  });
});

describe('documented params types equal their schemas (input side)', () => {
  it('every params type', () => {
    expectTypeOf<Api.SessionCreateParams>().toEqualTypeOf<In<typeof Params.SessionCreateParamsSchema>>();
    expectTypeOf<Api.SessionExtendParams>().toEqualTypeOf<In<typeof Params.SessionExtendParamsSchema>>();
    expectTypeOf<Api.MerchantListParams>().toEqualTypeOf<In<typeof Params.MerchantListParamsSchema>>();
    expectTypeOf<Api.AccountListParams>().toEqualTypeOf<In<typeof Params.AccountListParamsSchema>>();
    expectTypeOf<Api.AccountGetParams>().toEqualTypeOf<In<typeof Params.AccountGetParamsSchema>>();
    expectTypeOf<Api.AccountUnlinkParams>().toEqualTypeOf<In<typeof Params.AccountRefParamsSchema>>();
    expectTypeOf<Api.SyncPageParams>().toEqualTypeOf<In<typeof Params.SyncPageParamsSchema>>();
    expectTypeOf<Api.RefreshParams>().toEqualTypeOf<In<typeof Params.AccountRefParamsSchema>>();
    expectTypeOf<Api.LinkAccountParams>().toEqualTypeOf<In<typeof Params.LinkAccountParamsSchema>>();
    expectTypeOf<Api.UserDeleteParams>().toEqualTypeOf<In<typeof Params.UserDeleteParamsSchema>>();
    expectTypeOf<Api.DisconnectAccountParams>().toEqualTypeOf<In<typeof Params.AccountRefParamsSchema>>();
    expectTypeOf<Api.SubscriptionListParams>().toEqualTypeOf<In<typeof Subs.SubscriptionListParamsSchema>>();
    expectTypeOf<Api.SubscriptionCancelParams>().toEqualTypeOf<In<typeof Subs.SubscriptionCancelParamsSchema>>();
    expectTypeOf<Api.DetectStartParams>().toEqualTypeOf<In<typeof Detect.DetectStartParamsSchema>>();
    expectTypeOf<Api.DetectedAccountSearchParams>().toEqualTypeOf<In<typeof Detect.DetectedAccountSearchParamsSchema>>();
  });
});

describe('the event catalogue', () => {
  it('has exactly one schema per known event name', () => {
    expectTypeOf<keyof typeof Webhook.WEBHOOK_EVENT_SCHEMAS>().toEqualTypeOf<Api.KnotWebhookEventName>();
    expectTypeOf<Api.KnownWebhookEvent['event']>().toEqualTypeOf<Api.KnotWebhookEventName>();
  });
});
