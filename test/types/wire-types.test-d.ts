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
import type * as Card from '../../src/schemas/zod/card.js';
import type * as Cart from '../../src/schemas/zod/cart.js';
import type * as Detect from '../../src/schemas/zod/detect.js';
import type * as Merchant from '../../src/schemas/zod/merchant.js';
import type * as Params from '../../src/schemas/zod/params.js';
import type * as Responses from '../../src/schemas/zod/responses.js';
import type * as Shared from '../../src/schemas/zod/shared.js';
import type * as Subs from '../../src/schemas/zod/subscription.js';
import type * as Shopping from '../../src/schemas/zod/shopping.js';
import type * as Txn from '../../src/schemas/zod/transaction.js';
import type * as Webhook from '../../src/schemas/zod/builders/webhook.js';

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
    expectTypeOf<Api.JweKey>().toEqualTypeOf<Out<typeof Card.JweKeySchema>>();
    expectTypeOf<Api.MessageResponse>().toEqualTypeOf<Out<typeof Responses.MessageResponseSchema>>();
  });

  it('subscriptions', () => {
    expectTypeOf<Api.Subscription>().toEqualTypeOf<Out<typeof Subs.SubscriptionSchema>>();
    expectTypeOf<Api.SubscriptionPrice>().toEqualTypeOf<Out<typeof Subs.SubscriptionSchema>['price']>();
    expectTypeOf<Api.SubscriptionPage>().toEqualTypeOf<Out<typeof Subs.SubscriptionPageSchema>>();
  });

  it('detect', () => {
    expectTypeOf<Api.DetectedAccount>().toEqualTypeOf<Out<typeof Detect.DetectedAccountSchema>>();
    expectTypeOf<Api.DetectedAccountsPage>().toEqualTypeOf<Out<typeof Detect.DetectedAccountsPageSchema>>();
    expectTypeOf<Api.DetectedAccountSearchResult>().toEqualTypeOf<Out<typeof Detect.DetectedAccountSearchResultSchema>>();
    expectTypeOf<Api.DetectedAccountSearchResult[]>().toEqualTypeOf<Out<typeof Detect.DetectedAccountSearchResultsSchema>>();
  });

  it('every webhook event', () => {
    expectTypeOf<Api.AuthenticatedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['AUTHENTICATED']>>();
    expectTypeOf<Api.NewTransactionsAvailableEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['NEW_TRANSACTIONS_AVAILABLE']>>();
    expectTypeOf<Api.UpdatedTransactionsAvailableEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['UPDATED_TRANSACTIONS_AVAILABLE']>>();
    expectTypeOf<Api.AccountLoginRequiredEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['ACCOUNT_LOGIN_REQUIRED']>>();
    expectTypeOf<Api.MerchantStatusUpdateEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['MERCHANT_STATUS_UPDATE']>>();
    expectTypeOf<Api.CredentialsFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CREDENTIALS_FAILED']>>();
    expectTypeOf<Api.OtpRequiredEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['OTP_REQUIRED']>>();
    expectTypeOf<Api.OtpFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['OTP_FAILED']>>();
    expectTypeOf<Api.QuestionsRequiredEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['QUESTIONS_REQUIRED']>>();
    expectTypeOf<Api.QuestionsFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['QUESTIONS_FAILED']>>();
    expectTypeOf<Api.LoginApprovalEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['LOGIN_APPROVAL']>>();
    expectTypeOf<Api.LicenseRequiredEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['LICENSE_REQUIRED']>>();
    expectTypeOf<Api.LicenseFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['LICENSE_FAILED']>>();
    expectTypeOf<Api.AccountsRetrievedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['ACCOUNTS_RETRIEVED']>>();
    expectTypeOf<Api.CardUpdatingEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CARD_UPDATING']>>();
    expectTypeOf<Api.CardUpdatedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CARD_UPDATED']>>();
    expectTypeOf<Api.CardFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CARD_FAILED']>>();
    expectTypeOf<Api.SyncCartSucceededEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['SYNC_CART_SUCCEEDED']>>();
    expectTypeOf<Api.SyncCartFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['SYNC_CART_FAILED']>>();
    expectTypeOf<Api.CheckoutSucceededEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CHECKOUT_SUCCEEDED']>>();
    expectTypeOf<Api.CheckoutFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CHECKOUT_FAILED']>>();
    expectTypeOf<Api.VaultingSucceededEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['VAULTING_SUCCEEDED']>>();
    expectTypeOf<Api.VaultingFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['VAULTING_FAILED']>>();
    expectTypeOf<Api.NewSubscriptionsAvailableEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['NEW_SUBSCRIPTIONS_AVAILABLE']>>();
    expectTypeOf<Api.UpdatedSubscriptionsAvailableEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['UPDATED_SUBSCRIPTIONS_AVAILABLE']>>();
    expectTypeOf<Api.CancellationSucceededEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CANCELLATION_SUCCEEDED']>>();
    expectTypeOf<Api.CancellationFailedEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['CANCELLATION_FAILED']>>();
    expectTypeOf<Api.NewDetectedAccountsAvailableEvent>().toEqualTypeOf<Out<Webhook.WebhookEventSchemas['NEW_DETECTED_ACCOUNTS_AVAILABLE']>>();
    expectTypeOf<Api.LoginStepData>().toEqualTypeOf<Out<Webhook.LoginStepDataSchema>>();
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
    expectTypeOf<Api.DetectedAccountListParams>().toEqualTypeOf<In<typeof Detect.DetectedAccountListParamsSchema>>();
    expectTypeOf<Api.SyncCartParams>().toEqualTypeOf<In<typeof Shopping.SyncCartParamsSchema>>();
    expectTypeOf<Api.CheckoutParams>().toEqualTypeOf<In<typeof Shopping.CheckoutParamsSchema>>();
  });

  it('card data and cards.switch', () => {
    expectTypeOf<Api.Cardholder>().toEqualTypeOf<In<typeof Card.CardholderSchema>>();
    expectTypeOf<Api.PaymentCard>().toEqualTypeOf<In<typeof Card.PaymentCardSchema>>();
    expectTypeOf<Api.CardPayload>().toEqualTypeOf<In<typeof Card.CardPayloadSchema>>();
    expectTypeOf<Api.CardSwitchTaskParams>().toEqualTypeOf<In<typeof Card.CardSwitchTaskParamsSchema>>();
    expectTypeOf<Api.CardSwitchAccountParams>().toEqualTypeOf<In<typeof Card.CardSwitchAccountParamsSchema>>();
    // Narrower than the schema on purpose: a mix of the two shapes, which the schema refuses at run
    // time, does not typecheck either.
    expectTypeOf<Api.CardSwitchParams>().toExtend<In<typeof Card.CardSwitchParamsSchema>>();
    expectTypeOf<In<typeof Card.CardSwitchParamsSchema>>().toExtend<Api.CardSwitchParams>();
    expectTypeOf<Api.CardSwitchTaskParams>().toExtend<Api.CardSwitchParams>();
    expectTypeOf<Api.CardSwitchAccountParams>().toExtend<Api.CardSwitchParams>();
    const cardholder = {} as Api.Cardholder;
    const card = {} as Api.PaymentCard;
    expectTypeOf({ task_id: 7, user: cardholder, card }).toExtend<Api.CardSwitchParams>();
    expectTypeOf({ external_user_id: 'u', merchant_id: 19, user: cardholder, card }).toExtend<Api.CardSwitchParams>();
    expectTypeOf({ task_id: 7, external_user_id: 'u', merchant_id: 19, user: cardholder, card }).not.toExtend<Api.CardSwitchParams>();
    expectTypeOf<undefined>().toEqualTypeOf<In<typeof Card.JweKeyParamsSchema>>();
  });
});

describe('the event catalogue', () => {
  it('has exactly one schema per known event name', () => {
    expectTypeOf<keyof typeof Webhook.WEBHOOK_EVENT_BUILDERS>().toEqualTypeOf<Api.KnotWebhookEventName>();
    expectTypeOf<Api.KnownWebhookEvent['event']>().toEqualTypeOf<Api.KnotWebhookEventName>();
  });
});

describe('KnotPage, the design name of a list result', () => {
  it('is what the list methods return, with or without the page type named', () => {
    type Knot = InstanceType<typeof Api.KnotClient>;
    expectTypeOf<ReturnType<Knot['subscriptions']['list']>>().toExtend<Api.KnotPage<Api.Subscription>>();
    expectTypeOf<ReturnType<Knot['detectedAccounts']['list']>>().toExtend<Api.KnotPage<Api.DetectedAccount>>();
    expectTypeOf<ReturnType<Knot['subscriptions']['list']>>().toEqualTypeOf<Api.KnotPage<Api.Subscription, Api.SubscriptionPage>>();
    // The item type is checked: a list of subscriptions is not a list of detected accounts.
    expectTypeOf<ReturnType<Knot['subscriptions']['list']>>().not.toExtend<Api.KnotPage<Api.DetectedAccount>>();
  });
});
