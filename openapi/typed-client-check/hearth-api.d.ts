// Generated from openapi/openapi.json by openapi-typescript: `npm run openapi` rewrites it.
export interface paths {
    "/api/ai-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List AI models
         * @description AI models by id, a page at a time: `limit` (default 100) records from `offset` (default 0).
         */
        get: operations["AiModelsController_list"];
        put?: never;
        /**
         * Create an AI model
         * @description Stores a new AI model; the answer is the stored record with its id. Unknown fields are refused.
         */
        post: operations["AiModelsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai-models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one AI model
         * @description The AI model with this id.
         */
        get: operations["AiModelsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete an AI model
         * @description The AI model is deleted.
         */
        delete: operations["AiModelsController_remove"];
        options?: never;
        head?: never;
        /**
         * Update an AI model
         * @description Changes the fields given and leaves the others as they are; the answer is the whole AI model.
         */
        patch: operations["AiModelsController_update"];
        trace?: never;
    };
    "/api/analytics/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counts by outcome and cancel reason, cancellation rate, partial length, time to first token
         * @description Over the recorded generations, optionally filtered by chat session and time range.
         */
        get: operations["AnalyticsController_generations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/characters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List characters
         * @description Characters by id, a page at a time: `limit` (default 100) records from `offset` (default 0).
         */
        get: operations["CharactersController_list"];
        put?: never;
        /**
         * Create a character
         * @description Stores a new character; the answer is the stored record with its id. Unknown fields are refused.
         */
        post: operations["CharactersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/characters/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Character Card
         * @description A Character Card V1, V2 (`chara_card_v2`) or V3 (`chara_card_v3`) as a PNG (`ccv3` tEXt chunk preferred over `chara`) or as JSON, up to 20 MB. Its `character_book` becomes the lorebook, a PNG becomes the avatar, and fields Hearth does not use are kept for export. Nothing is stored when the card is refused.
         */
        post: operations["CharactersController_importCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/characters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one character
         * @description The character with this id.
         */
        get: operations["CharactersController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a character
         * @description The character is deleted.
         */
        delete: operations["CharactersController_remove"];
        options?: never;
        head?: never;
        /**
         * Update a character
         * @description Changes the fields given and leaves the others as they are; the answer is the whole character.
         */
        patch: operations["CharactersController_update"];
        trace?: never;
    };
    "/api/characters/{id}/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A character's avatar
         * @description The image imported with its card.
         */
        get: operations["CharactersController_avatar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/characters/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a character as a Character Card
         * @description `format=json`: the V3 card. `format=png` (default): the avatar (or a plain placeholder image) with a `ccv3` chunk and a V2 `chara` chunk for older readers. Either imports back to the same character.
         */
        get: operations["CharactersController_exportCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List chat sessions
         * @description Chat sessions by id, each with its AI model, system prompt, character and user profile, a page at a time: `limit` (default 100) records from `offset` (default 0).
         */
        get: operations["ChatSessionsController_list"];
        put?: never;
        /**
         * Create a chat session
         * @description Stores a new chat session; the answer is the stored record with its id. Unknown fields are refused.
         */
        post: operations["ChatSessionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one chat session
         * @description The chat session with this id.
         */
        get: operations["ChatSessionsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a chat session
         * @description The chat session and its messages are deleted, and its running generation is cancelled.
         */
        delete: operations["ChatSessionsController_remove"];
        options?: never;
        head?: never;
        /**
         * Update a chat session
         * @description Changes the fields given and leaves the others as they are; the answer is the whole chat session.
         */
        patch: operations["ChatSessionsController_update"];
        trace?: never;
    };
    "/api/chat-sessions/{id}/cancel-message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop the reply being generated; the partial text is not saved
         * @description Aborts the provider request; every attached connection gets a `cancelled` event with reason `user_cancelled`, and a new message can be sent at once. Takes no body.
         */
        post: operations["GenerationController_cancelMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/continue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Continue the last reply where it stopped
         * @description The history is sent with the last reply as the final assistant turn (a prefill); the new text is appended to its active variant on `done`. The last message must be a reply (else 409). Events as for regenerate, with `kind: "continue"`.
         */
        post: operations["GenerationController_continue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the session's messages, oldest first
         * @description Without parameters: the first `limit` (100) messages. Page forward with `afterId` = the last id received, backward with `beforeId` = the first id received; `latest=true` gives the newest `limit` messages. Fewer than `limit` messages means the end (or, with beforeId, the start) was reached.
         */
        get: operations["MessagesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a message, or rewind the conversation to before it
         * @description With `after=true`, deletes this message and every later one (with their variants).
         */
        delete: operations["MessagesController_delete"];
        options?: never;
        head?: never;
        /**
         * Edit a message
         * @description Replaces the text of a user message, or of the active variant of a reply.
         */
        patch: operations["MessagesController_edit"];
        trace?: never;
    };
    "/api/chat-sessions/{id}/messages/{messageId}/variant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Choose the active variant of a message
         * @description The message's content (and every later prompt) becomes that variant's. Other attached tabs get a `messages_changed` event.
         */
        put: operations["MessagesController_selectVariant"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/messages/{messageId}/variants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A message's variants (swipes), by index
         * @description An assistant message has one variant per reply generated for it; a user message is its own one.
         */
        get: operations["MessagesController_variants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Regenerate the last reply as a new variant, or retry after a failed or stopped one
         * @description Last message a reply: a new variant of it, generated from the history before it, active once saved. Last message the user's: a new reply to it (retry). A generation like send-message in every way (lock, events, attach, cancel, timeouts); its `start` has `kind: "regenerate"`, `userMessage: null` and `messageId` (null for a retry), its `done` the `messageId` and `variantIndex`.
         */
        post: operations["GenerationController_regenerate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/send-message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a user message and stream (or wait for) the AI reply
         * @description Checks first and saves nothing on failure: the session exists, content is not empty, an OpenRouter key is set, the session has an AI model, no reply is being generated. Then saves the user message and calls the provider. `stream: true` (default) answers text/event-stream until `done`, `error` or `cancelled`; `stream: false` waits and answers both messages as JSON, or the failure as an HTTP error (402, 409, 429, 500, 502, 503, 504) in the error shape.
         */
        post: operations["GenerationController_sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Attach a tab to the session: text so far, then every generation live
         * @description Send `Last-Event-ID` (the last `id:` seen) to receive only what follows it. Stays open across generations.
         */
        get: operations["GenerationController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat-sessions/{id}/stream-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether a reply is being generated, how far it got, and how many are watching
         * @description Reads the live state (Redis with REDIS_URL, this process otherwise); never waits for a generation.
         */
        get: operations["GenerationController_streamStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the database (and Redis, when REDIS_URL is set) answer
         * @description For load balancers and probes: open even when API_TOKEN is set.
         */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{provider}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider's model list (for a model picker)
         * @description From the provider's own list (OpenRouter /models with context length and pricing, OpenAI /models, Anthropic /v1/models), kept 10 minutes.
         */
        get: operations["ProvidersCatalogueController_models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether an OpenRouter API key is stored (never the key), and the read-only streaming settings
         * @description The key itself is never shown: only whether one is stored and a hint of its first and last characters.
         */
        get: operations["SettingsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/openrouter-api-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Store the OpenRouter API key, encrypted (a Fernet token under the first ENCRYPTION_KEY)
         * @description Replaces any stored key. With `?verify=true` OpenRouter is asked first (GET /key) and nothing is stored unless it accepts the key.
         */
        put: operations["SettingsController_put"];
        post?: never;
        /**
         * Remove the stored OpenRouter API key (200 even if none was stored)
         * @description Generations fail with a 400 until a key is stored again.
         */
        delete: operations["SettingsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/providers/{provider}/api-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Store a provider's API key, encrypted (a Fernet token under the first ENCRYPTION_KEY)
         * @description Replaces any stored key for that provider; `openrouter` is the same key as PUT /api/settings/openrouter-api-key. With `?verify=true` the provider is asked first (OpenRouter GET /key, others their model list) and nothing is stored unless it accepts the key.
         */
        put: operations["SettingsController_putProviderKey"];
        post?: never;
        /**
         * Remove a provider's stored API key (200 even if none was stored)
         * @description Generations with models of that provider are refused until a key is stored again (unless the provider needs none).
         */
        delete: operations["SettingsController_removeProviderKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system-prompts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List system prompts
         * @description System prompts by id, a page at a time: `limit` (default 100) records from `offset` (default 0).
         */
        get: operations["SystemPromptsController_list"];
        put?: never;
        /**
         * Create a system prompt
         * @description Stores a new system prompt; the answer is the stored record with its id. Unknown fields are refused.
         */
        post: operations["SystemPromptsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system-prompts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one system prompt
         * @description The system prompt with this id.
         */
        get: operations["SystemPromptsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a system prompt
         * @description The system prompt is deleted.
         */
        delete: operations["SystemPromptsController_remove"];
        options?: never;
        head?: never;
        /**
         * Update a system prompt
         * @description Changes the fields given and leaves the others as they are; the answer is the whole system prompt.
         */
        patch: operations["SystemPromptsController_update"];
        trace?: never;
    };
    "/api/user-profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List user profiles
         * @description User profiles by id, a page at a time: `limit` (default 100) records from `offset` (default 0).
         */
        get: operations["UserProfilesController_list"];
        put?: never;
        /**
         * Create a user profile
         * @description Stores a new user profile; the answer is the stored record with its id. Unknown fields are refused.
         */
        post: operations["UserProfilesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user-profiles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one user profile
         * @description The user profile with this id.
         */
        get: operations["UserProfilesController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a user profile
         * @description The user profile is deleted.
         */
        delete: operations["UserProfilesController_remove"];
        options?: never;
        head?: never;
        /**
         * Update a user profile
         * @description Changes the fields given and leaves the others as they are; the answer is the whole user profile.
         */
        patch: operations["UserProfilesController_update"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AiModelDto: {
            /** @example 128000 */
            contextLength: number | null;
            /** Format: date-time */
            createdAt: string;
            /** @example 1 */
            id: number;
            /**
             * @description The OpenRouter model id sent upstream
             * @example openai/gpt-4o-mini
             */
            label: string;
            /**
             * @description A display name
             * @example GPT-4o mini
             */
            name: string | null;
            parameters: components["schemas"]["GenerationParametersDto"] | null;
            /**
             * @description The provider the model is called through
             * @example openrouter
             */
            provider: string;
        };
        CancelMessageResultDto: {
            /** @enum {boolean} */
            cancelled: true;
            /** @description Length (UTF-16 code units) of the text streamed before the cancel */
            partialLength: number;
            /** Format: uuid */
            streamId: string;
        };
        CancelledEventDto: {
            /** @description With keepPartialOnCancel and some text streamed: the message the text was kept in */
            messageId?: number;
            /** @enum {string} */
            reason: "user_cancelled" | "timeout" | "no_clients" | "server_shutdown";
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "cancelled";
            /** @description With messageId: the variant the text was kept as */
            variantIndex?: number;
        };
        CatalogueModelDto: {
            /** @example 128000 */
            contextLength?: number;
            /**
             * @description The model id to use as an AI model's label
             * @example openai/gpt-4o-mini
             */
            id: string;
            /** @example OpenAI: GPT-4o-mini */
            name: string;
            pricing?: components["schemas"]["CataloguePricingDto"];
        };
        CataloguePricingDto: {
            /**
             * @description USD per completion token
             * @example 0.0000006
             */
            completion?: string;
            /**
             * @description USD per prompt token, as the provider states it
             * @example 0.00000015
             */
            prompt?: string;
        };
        CharacterDto: {
            /** @description Further greetings: the first message's variants */
            alternateGreetings: string[];
            characterVersion: string;
            /** Format: date-time */
            createdAt: string;
            creator: string;
            /** @description For people, never sent to the model */
            creatorNotes: string;
            /**
             * @description The first line of the character part of the prompt
             * @example A sharp-tongued ship navigator.
             */
            description: string;
            /** @description In the prompt as `Example dialogue:\n…` */
            exampleMessages: string;
            /** @description The card's `extensions`, kept for export */
            extensions: {
                [key: string]: unknown;
            };
            /** @description A new chat session's first assistant message */
            firstMessage: string;
            /** @description Whether GET /api/characters/{id}/avatar has an image */
            hasAvatar: boolean;
            /** @example 1 */
            id: number;
            lorebook: components["schemas"]["LorebookDto"] | null;
            /** @example Mira */
            name: string;
            /** @description In the prompt as `{{char}}'s personality: …` */
            personality: string;
            /** @description Replaces the session's postSystemPrompt; `{{original}}` stands for it */
            postHistoryInstructions: string;
            /** @description In the prompt as `Scenario: …` */
            scenario: string;
            /** @description Replaces the session's system prompt; `{{original}}` stands for it */
            systemPrompt: string;
            tags: string[];
        };
        ChatSessionDto: {
            aiModel: components["schemas"]["AiModelDto"];
            /** @example 1 */
            aiModelId: number;
            character: components["schemas"]["CharacterDto"] | null;
            characterId: number | null;
            /** Format: date-time */
            createdAt: string;
            /** @example 1 */
            id: number;
            /** @description Keep the text of stopped or failed replies (partial: true) */
            keepPartialOnCancel: boolean;
            /** @example The lighthouse */
            name: string | null;
            /** @description Override the model's, key by key */
            parameters: components["schemas"]["GenerationParametersDto"] | null;
            /** @description Sent as a system message after the history */
            postSystemPrompt: string | null;
            /** @description First part of the system prompt */
            preSystemPrompt: string | null;
            systemPrompt: components["schemas"]["SystemPromptDto"] | null;
            systemPromptId: number | null;
            userProfile: components["schemas"]["UserProfileDto"] | null;
            userProfileId: number | null;
        };
        ContentEventDto: {
            /** @description Text as it arrives */
            data: string;
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "content";
        };
        CreateAiModelDto: {
            /**
             * @description Tokens the model takes in all
             * @example 128000
             */
            contextLength?: number | null;
            /**
             * @description The OpenRouter model id, without whitespace
             * @example openai/gpt-4o-mini
             */
            label: string;
            /** @example GPT-4o mini */
            name?: string | null;
            parameters?: components["schemas"]["GenerationParametersDto"] | null;
            /**
             * @description A configured provider id: openrouter, openai, anthropic or an OPENAI_COMPATIBLE_ENDPOINTS name
             * @default openrouter
             * @example openrouter
             */
            provider: string;
        };
        CreateCharacterDto: {
            /** @default [] */
            alternateGreetings: string[];
            /** @default  */
            characterVersion: string;
            /** @default  */
            creator: string;
            /**
             * @description For people, never sent to the model
             * @default
             */
            creatorNotes: string;
            /**
             * @description The first line of the character part of the prompt
             * @default
             */
            description: string;
            /**
             * @description In the prompt as `Example dialogue:\n…`
             * @default
             */
            exampleMessages: string;
            /** @default {} */
            extensions: {
                [key: string]: unknown;
            };
            /**
             * @description A new chat session's first assistant message
             * @default
             */
            firstMessage: string;
            /** @description null (the default) for none */
            lorebook?: components["schemas"]["LorebookDto"] | null;
            /** @example Mira */
            name: string;
            /**
             * @description In the prompt as `{{char}}'s personality: …`
             * @default
             */
            personality: string;
            /**
             * @description Replaces the session's postSystemPrompt; `{{original}}` stands for it
             * @default
             */
            postHistoryInstructions: string;
            /**
             * @description In the prompt as `Scenario: …`
             * @default
             */
            scenario: string;
            /**
             * @description Replaces the session's system prompt; `{{original}}` stands for it
             * @default
             */
            systemPrompt: string;
            /** @default [] */
            tags: string[];
        };
        CreateChatSessionDto: {
            /**
             * @description An existing AI model id
             * @example 1
             */
            aiModelId: number;
            /** @description An existing character id */
            characterId?: number | null;
            /**
             * @description Keep the text of a reply that is stopped (any cancel reason) or fails after some text, as a message with partial: true; false: such text is dropped
             * @default false
             */
            keepPartialOnCancel: boolean;
            /** @example The lighthouse */
            name?: string | null;
            parameters?: components["schemas"]["GenerationParametersDto"] | null;
            postSystemPrompt?: string | null;
            preSystemPrompt?: string | null;
            /** @description An existing system prompt id */
            systemPromptId?: number | null;
            /** @description An existing user profile id */
            userProfileId?: number | null;
        };
        CreateSystemPromptDto: {
            /** @example You are the narrator of a slow-burn mystery. */
            content: string;
            /** @example Narrator */
            name: string;
        };
        CreateUserProfileDto: {
            /**
             * @description Goes into the system prompt
             * @default
             */
            description: string;
            /** @example Mira */
            name: string;
        };
        DoneEventDto: {
            /** @description The saved assistant message; its content is all content data joined */
            messageId: number;
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "done";
            /** @description Tokens and cost, when the provider reported them */
            usage?: components["schemas"]["UsageDto"];
            /** @description The variant the text was saved as (now the active one) */
            variantIndex: number;
        };
        EditMessageDto: {
            /** @description The new text (of the active variant, for a reply) */
            content: string;
        };
        ErrorBodyDto: {
            /**
             * @description The HTTP reason phrase of statusCode
             * @example Not Found
             */
            error: string;
            /**
             * @description What is wrong, in words a user can act on
             * @example Chat session 42 does not exist
             */
            message: string;
            /**
             * @description The HTTP status, repeated
             * @example 404
             */
            statusCode: number;
        };
        ErrorEventDto: {
            /** @enum {string} */
            code: "upstream_auth" | "insufficient_credits" | "rate_limited" | "upstream_error" | "timeout" | "internal";
            /** @description What went wrong, in words */
            error: string;
            /** @description With keepPartialOnCancel and some text streamed: the message the text was kept in */
            messageId?: number;
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "error";
            /** @description With messageId: the variant the text was kept as */
            variantIndex?: number;
        };
        GenerateDto: {
            /**
             * @description true (default): answer with text/event-stream; false: wait and answer with JSON
             * @default true
             */
            stream: boolean;
        };
        GenerationParametersDto: {
            /** @description Penalises tokens by how often they appeared */
            frequencyPenalty?: number;
            /** @description Longest reply, in tokens */
            maxTokens?: number;
            /** @description Minimum probability relative to the likeliest token */
            minP?: number;
            /** @description Penalises tokens that appeared at all */
            presencePenalty?: number;
            /**
             * @description {"effort": "minimal"|"low"|"medium"|"high", "exclude"?: bool} or {"maxTokens": N, "exclude"?: bool}
             * @example {
             *       "effort": "medium"
             *     }
             */
            reasoning?: Record<string, never>;
            /** @description Multiplicative repetition penalty (1 = none) */
            repetitionPenalty?: number;
            seed?: number;
            /** @description Up to 4 stop sequences */
            stop?: string[];
            /** @description Randomness; Anthropic is clamped to 1 */
            temperature?: number;
            topK?: number;
            /** @description Nucleus sampling */
            topP?: number;
        };
        GenerationStatsDto: {
            /** @description Generations by what started them */
            byKind: components["schemas"]["KindCountsDto"];
            byOutcome: components["schemas"]["OutcomeCountsDto"];
            /**
             * @description Cancelled generations by reason
             * @example {
             *       "no_clients": 1,
             *       "server_shutdown": 0,
             *       "timeout": 0,
             *       "user_cancelled": 3
             *     }
             */
            cancelReasons: Record<string, never>;
            /** @description cancelled / total (0 when there are none) */
            cancellationRate: number;
            /** @description Sum of completion tokens reported by the provider */
            completionTokens: number;
            /** @description Sum of cost reported by the provider (credits) */
            cost: number;
            /**
             * @description Failed generations by error code
             * @example {
             *       "upstream_error": 1
             *     }
             */
            errorCodes: Record<string, never>;
            /** @description Mean duration of completed generations, ms */
            meanDurationMs: number | null;
            /** @description Mean text length (UTF-16 units) when cancelled */
            meanPartialLengthAtCancel: number | null;
            /** @description Mean time from request to first text, ms */
            meanTimeToFirstTokenMs: number | null;
            p50TimeToFirstTokenMs: number | null;
            p95TimeToFirstTokenMs: number | null;
            /** @description All generations in the window */
            total: number;
            /** @description Tokens and cost per day (UTC), oldest first */
            usageByDay: components["schemas"]["UsageTotalsDto"][];
            /** @description Tokens and cost per model, most costly first */
            usageByModel: components["schemas"]["UsageTotalsDto"][];
        };
        HealthDto: {
            /** @enum {string} */
            database: "ok" | "down";
            problems: string[];
            /** @enum {string} */
            redis: "ok" | "down" | "not_configured";
            /** @enum {string} */
            status: "ok" | "down";
        };
        KindCountsDto: {
            continue: number;
            regenerate: number;
            send: number;
        };
        LorebookDto: {
            description?: string;
            entries: components["schemas"]["LorebookEntryDto"][];
            /** @default {} */
            extensions: {
                [key: string]: unknown;
            };
            /** @description The card book's fields no spec names, written back on export */
            extras?: {
                [key: string]: unknown;
            };
            name?: string;
            /** @description Kept for the card */
            recursiveScanning?: boolean;
            /** @description How many recent messages are scanned for keys (default 2) */
            scanDepth?: number;
            /** @description Kept for the card */
            tokenBudget?: number;
        };
        LorebookEntryDto: {
            /** @description Kept for the card; matching is case-insensitive either way */
            caseSensitive?: boolean;
            comment?: string;
            /**
             * @description Always in the prompt, keys or not
             * @default false
             */
            constant: boolean;
            /** @description The text put into the prompt (macros applied) */
            content: string;
            /** @default true */
            enabled: boolean;
            /** @default {} */
            extensions: {
                [key: string]: unknown;
            };
            /** @description The card entry's fields no spec names, written back on export */
            extras?: {
                [key: string]: unknown;
            };
            id?: number | string;
            /**
             * @description Entries are placed in ascending order
             * @default 100
             */
            insertionOrder: number;
            /** @description The entry enters the prompt when one occurs (case-insensitive) */
            keys: string[];
            name?: string;
            /**
             * @default after_char
             * @enum {string}
             */
            position: "before_char" | "after_char";
            priority?: number;
            /**
             * @description With `selective`, one of these must occur too
             * @default []
             */
            secondaryKeys: string[];
            /** @default false */
            selective: boolean;
            /**
             * @description Kept for the card; keys are matched as plain text
             * @default false
             */
            useRegex: boolean;
        };
        MessageDto: {
            /** @example 1 */
            chatSessionId: number;
            /** @example Hello! */
            content: string;
            /** Format: date-time */
            createdAt: string;
            /** @example 1 */
            id: number;
            /** @description Model label that wrote the reply (null for a user message) */
            model: string | null;
            /** @description The text was kept from a reply that was stopped or failed (keepPartialOnCancel) */
            partial: boolean;
            /** @description The model's reasoning, when it streamed any */
            reasoning: string | null;
            /** @enum {string} */
            role: "user" | "assistant";
            /** @description Tokens and cost the provider reported */
            usage: components["schemas"]["UsageDto"] | null;
            /**
             * @description How many variants the message has (1 for a user message)
             * @example 1
             */
            variantCount: number;
            /**
             * @description Index of the active variant (0 for a user message)
             * @example 0
             */
            variantIndex: number;
        };
        MessagesChangedEventDto: {
            /** @enum {string} */
            change: "edited" | "deleted" | "variant" | "created";
            /** @description The message edited, deleted (the first, for a rewind) or given another variant */
            messageId: number;
            /** @enum {string} */
            type: "messages_changed";
        };
        OutcomeCountsDto: {
            cancelled: number;
            done: number;
            error: number;
        };
        ProviderSettingsDto: {
            /** @example sk-ant-…abcd */
            apiKeyHint: string | null;
            /**
             * @description false for OpenAI-compatible endpoints, which may need no key
             * @example true
             */
            apiKeyRequired: boolean;
            /** @example true */
            apiKeySet: boolean;
            /**
             * @description From the environment (OPENROUTER_BASE_URL, OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OPENAI_COMPATIBLE_ENDPOINTS); read-only
             * @example https://api.anthropic.com
             */
            baseUrl: string;
            /**
             * @description What an AI model's `provider` names
             * @example anthropic
             */
            id: string;
            /** @enum {string} */
            kind: "openrouter" | "openai" | "anthropic" | "openai-compatible";
        };
        ReasoningEventDto: {
            /** @description The model's reasoning as it arrives, before the content; counted in the offset */
            data: string;
            /** @enum {string} */
            type: "reasoning";
        };
        SelectVariantDto: {
            /**
             * @description The variant to make active (0-based)
             * @example 1
             */
            index: number;
        };
        SendMessageDto: {
            /**
             * @description What the user says
             * @example Hello!
             */
            content: string;
            /**
             * @description true (default): answer with text/event-stream; false: wait and answer with JSON
             * @default true
             */
            stream: boolean;
        };
        SendMessageResultDto: {
            assistantMessage: components["schemas"]["MessageDto"];
            /** @description The saved user message; null for regenerate and continue */
            userMessage: components["schemas"]["MessageDto"] | null;
        };
        SetOpenrouterApiKeyDto: {
            /**
             * @description An OpenRouter key: `sk-or-v1-` + 64 hex digits, or another `sk-` form of printable ASCII without whitespace
             * @example sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
             */
            apiKey: string;
        };
        SetProviderApiKeyDto: {
            /**
             * @description The provider's key: printable ASCII without whitespace, at most 512 characters (OpenRouter keys as for the openrouter route)
             * @example sk-ant-api03-…
             */
            apiKey: string;
        };
        SettingsDto: {
            /**
             * @description HEARTBEAT_MS (read-only; set in the environment)
             * @example 15000
             */
            heartbeatMs: number;
            /**
             * @description MAX_CONNECTIONS_PER_SESSION (read-only; set in the environment)
             * @example 10
             */
            maxConnectionsPerSession: number;
            /**
             * @description NO_CLIENT_TIMEOUT_MS (read-only; set in the environment)
             * @example 300000
             */
            noClientTimeoutMs: number;
            /**
             * @description Prefix and last four characters of the stored key; null when none is stored
             * @example sk-or-…abcd
             */
            openrouterApiKeyHint: string | null;
            /** @example true */
            openrouterApiKeySet: boolean;
            /**
             * @description OPENROUTER_BASE_URL (read-only; set in the environment)
             * @example https://openrouter.ai/api/v1
             */
            openrouterBaseUrl: string;
            /** @description Every configured provider, OpenRouter first */
            providers: components["schemas"]["ProviderSettingsDto"][];
            /**
             * @description STREAM_TIMEOUT_MS (read-only; set in the environment)
             * @example 300000
             */
            streamTimeoutMs: number;
            /**
             * @description UPSTREAM_IDLE_TIMEOUT_MS (read-only; set in the environment)
             * @example 60000
             */
            upstreamIdleTimeoutMs: number;
            /**
             * @description UPSTREAM_MAX_RETRIES (read-only; set in the environment)
             * @example 2
             */
            upstreamMaxRetries: number;
        };
        StartEventDto: {
            /**
             * @description What started the generation
             * @enum {string}
             */
            kind: "send" | "regenerate" | "continue";
            /** @description The message being regenerated or continued; null for a send and a retry */
            messageId: number | null;
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "start";
            /** @description The user message a send saved; null otherwise */
            userMessage: components["schemas"]["MessageDto"] | null;
        };
        StreamStatusDto: {
            /** @description SSE connections attached to the session (send-message responses and tabs) */
            connections: number;
            isStreaming: boolean;
            /** @description Length (UTF-16 code units) of the text streamed so far */
            partialLength: number;
            /** Format: uuid */
            streamId: string | null;
        };
        SystemPromptDto: {
            /**
             * @description Goes into the system prompt
             * @example You are the narrator of a slow-burn mystery.
             */
            content: string;
            /** Format: date-time */
            createdAt: string;
            /** @example 1 */
            id: number;
            /** @example Narrator */
            name: string;
        };
        UpdateAiModelDto: {
            /**
             * @description Tokens the model takes in all
             * @example 128000
             */
            contextLength?: number | null;
            /**
             * @description The OpenRouter model id, without whitespace
             * @example openai/gpt-4o-mini
             */
            label?: string;
            /** @example GPT-4o mini */
            name?: string | null;
            parameters?: components["schemas"]["GenerationParametersDto"] | null;
            /**
             * @description A configured provider id: openrouter, openai, anthropic or an OPENAI_COMPATIBLE_ENDPOINTS name
             * @default openrouter
             * @example openrouter
             */
            provider: string;
        };
        UpdateCharacterDto: {
            /** @default [] */
            alternateGreetings: string[];
            /** @default  */
            characterVersion: string;
            /** @default  */
            creator: string;
            /**
             * @description For people, never sent to the model
             * @default
             */
            creatorNotes: string;
            /**
             * @description The first line of the character part of the prompt
             * @default
             */
            description: string;
            /**
             * @description In the prompt as `Example dialogue:\n…`
             * @default
             */
            exampleMessages: string;
            /** @default {} */
            extensions: {
                [key: string]: unknown;
            };
            /**
             * @description A new chat session's first assistant message
             * @default
             */
            firstMessage: string;
            /** @description null (the default) for none */
            lorebook?: components["schemas"]["LorebookDto"] | null;
            /** @example Mira */
            name?: string;
            /**
             * @description In the prompt as `{{char}}'s personality: …`
             * @default
             */
            personality: string;
            /**
             * @description Replaces the session's postSystemPrompt; `{{original}}` stands for it
             * @default
             */
            postHistoryInstructions: string;
            /**
             * @description In the prompt as `Scenario: …`
             * @default
             */
            scenario: string;
            /**
             * @description Replaces the session's system prompt; `{{original}}` stands for it
             * @default
             */
            systemPrompt: string;
            /** @default [] */
            tags: string[];
        };
        UpdateChatSessionDto: {
            /**
             * @description An existing AI model id
             * @example 1
             */
            aiModelId?: number;
            /** @description An existing character id */
            characterId?: number | null;
            /**
             * @description Keep the text of a reply that is stopped (any cancel reason) or fails after some text, as a message with partial: true; false: such text is dropped
             * @default false
             */
            keepPartialOnCancel: boolean;
            /** @example The lighthouse */
            name?: string | null;
            parameters?: components["schemas"]["GenerationParametersDto"] | null;
            postSystemPrompt?: string | null;
            preSystemPrompt?: string | null;
            /** @description An existing system prompt id */
            systemPromptId?: number | null;
            /** @description An existing user profile id */
            userProfileId?: number | null;
        };
        UpdateSystemPromptDto: {
            /** @example You are the narrator of a slow-burn mystery. */
            content?: string;
            /** @example Narrator */
            name?: string;
        };
        UpdateUserProfileDto: {
            /**
             * @description Goes into the system prompt
             * @default
             */
            description: string;
            /** @example Mira */
            name?: string;
        };
        UsageDto: {
            /** @example 164 */
            completionTokens?: number;
            /**
             * @description In US dollars, as the provider bills it
             * @example 0.00042
             */
            cost?: number;
            /** @example 812 */
            promptTokens?: number;
        };
        UsageTotalsDto: {
            /** @description Sum of completion tokens reported by the provider */
            completionTokens: number;
            /** @description Sum of cost reported by the provider */
            cost: number;
            generations: number;
            /**
             * @description The model label, or the day (UTC, YYYY-MM-DD)
             * @example openai/gpt-4o-mini
             */
            key: string;
            /** @description Sum of prompt tokens reported by the provider */
            promptTokens: number;
        };
        UserProfileDto: {
            /** Format: date-time */
            createdAt: string;
            /**
             * @description Goes into the system prompt
             * @example A sharp-tongued ship navigator.
             */
            description: string;
            /** @example 1 */
            id: number;
            /** @example Mira */
            name: string;
        };
        VariantDto: {
            /** @example Hello, traveller. */
            content: string;
            /** Format: date-time */
            createdAt: string;
            /** @example 0 */
            index: number;
            model: string | null;
            partial: boolean;
            reasoning: string | null;
            usage: components["schemas"]["UsageDto"] | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AiModelsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description How many records to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description AI models by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiModelDto"][];
                };
            };
            /** @description limit or offset is out of range or an unknown query parameter was given; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AiModelsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAiModelDto"];
            };
        };
        responses: {
            /** @description The AI model as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiModelDto"];
                };
            };
            /** @description A field is missing, has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AiModelsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The AI model id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiModelDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No AI model has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AiModelsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The AI model id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The AI model is deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No AI model has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Chat sessions still use this model; the message names them */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AiModelsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The AI model id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAiModelDto"];
            };
        };
        responses: {
            /** @description The AI model as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiModelDto"];
                };
            };
            /** @description The id is not a positive whole number, A field has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No AI model has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AnalyticsController_generations: {
        parameters: {
            query?: {
                /** @description Only generations started at or after this time (ISO 8601) */
                from?: string;
                /** @description Only generations started before this time (ISO 8601) */
                to?: string;
                /** @description Only this chat session */
                chatSessionId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerationStatsDto"];
                };
            };
            /** @description A filter is malformed or unknown; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description How many records to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Characters by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CharacterDto"][];
                };
            };
            /** @description limit or offset is out of range or an unknown query parameter was given; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCharacterDto"];
            };
        };
        responses: {
            /** @description The character as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CharacterDto"];
                };
            };
            /** @description A field is missing, has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_importCard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The card PNG (bytes), or the card JSON */
        requestBody: {
            content: {
                "application/json": string;
                "image/png": string;
            };
        };
        responses: {
            /** @description The character as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CharacterDto"];
                };
            };
            /** @description The body is not a character card (not a PNG, a bad chunk, no card chunk, not base64, not JSON, not a card, a bad field); the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over 20 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is neither image/png nor application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The character id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CharacterDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No character has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The character id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The character is deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No character has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The character id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCharacterDto"];
            };
        };
        responses: {
            /** @description The character as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CharacterDto"];
                };
            };
            /** @description The id is not a positive whole number, A field has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No character has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_avatar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The character id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /**
             * @description No character has this id, or it has no avatar
             *
             *     No character has this id
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    CharactersController_exportCard: {
        parameters: {
            query?: {
                /** @description png: the avatar with `ccv3` and V2 `chara` chunks; json: the V3 card */
                format?: "png" | "json";
            };
            header?: never;
            path: {
                /** @description The character id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                    "image/png": string;
                };
            };
            /** @description The id is not a positive whole number, or format is not png or json; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No character has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatSessionsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description How many records to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Chat sessions by id, each with its AI model, system prompt, character and user profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSessionDto"][];
                };
            };
            /** @description limit or offset is out of range or an unknown query parameter was given; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatSessionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChatSessionDto"];
            };
        };
        responses: {
            /** @description The chat session as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSessionDto"];
                };
            };
            /** @description A field is missing, has the wrong type or is unknown, or aiModelId, systemPromptId, characterId or userProfileId refers to no existing record, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatSessionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSessionDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatSessionsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chat session and its messages are deleted, and its running generation is cancelled */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatSessionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateChatSessionDto"];
            };
        };
        responses: {
            /** @description The chat session as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSessionDto"];
                };
            };
            /** @description The id is not a positive whole number, A field has the wrong type or is unknown, or aiModelId, systemPromptId, characterId or userProfileId refers to no existing record, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    GenerationController_cancelMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelMessageResultDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No reply is being generated (or it is already complete and being saved) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description More generation requests from this client in the last minute than GENERATION_RATE_LIMIT allows; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the rate limit lets this client send again (on the rate limit 429) */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description REDIS_URL is set and Redis does not answer; try again in a moment */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    GenerationController_continue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateDto"];
            };
        };
        responses: {
            /** @description stream: true → text/event-stream, the events of send-message (see docs/streaming-protocol.md). stream: false → `{"userMessage": null, "assistantMessage": …}` once the reply is saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendMessageResultDto"];
                    "text/event-stream": components["schemas"]["StartEventDto"] | components["schemas"]["ContentEventDto"] | components["schemas"]["ReasoningEventDto"] | components["schemas"]["DoneEventDto"] | components["schemas"]["ErrorEventDto"] | components["schemas"]["CancelledEventDto"] | components["schemas"]["MessagesChangedEventDto"];
                };
            };
            /** @description The id is not a positive whole number, the body is not valid JSON, stream is not a boolean, no API key is set, or the session has no AI model; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the provider says the account has too few credits */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A reply is already being generated in this session, or its last message is not a reply */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description More generation requests from this client in the last minute than GENERATION_RATE_LIMIT allows; see Retry-After. With stream: false, also when the provider rate-limited the reply (error code rate_limited) */
            429: {
                headers: {
                    /** @description Seconds until the rate limit lets this client send again (on the rate limit 429) */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the generation failed inside the server */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the provider refused the API key or failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description REDIS_URL is set and Redis does not answer; with stream: false also at shutdown */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the provider went silent, or the reply ran over STREAM_TIMEOUT_MS */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MessagesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Cursor: the messages right after this message of the session (the next page forward) */
                afterId?: number;
                /** @description Cursor: the messages right before this message of the session (the previous page) */
                beforeId?: number;
                /** @description true: the newest `limit` messages (still returned oldest first), e.g. to open a long chat at its end */
                latest?: boolean;
            };
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDto"][];
                };
            };
            /** @description The id is not a positive whole number, a bad limit or cursor, a cursor of another session, more than one of afterId/beforeId/latest, or an unknown query parameter; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MessagesController_delete: {
        parameters: {
            query?: {
                /** @description true: delete this message and every later one (rewind) */
                after?: boolean;
            };
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
                /** @description The message id */
                messageId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a positive whole number, or after is not true or false; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /**
             * @description No chat session has this id, or it has no message with this messageId
             *
             *     No chat session has this id
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A reply is being generated in this session: wait for it to end or cancel it first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MessagesController_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
                /** @description The message id */
                messageId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EditMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDto"];
                };
            };
            /** @description The id is not a positive whole number, or content is missing, empty or not a string; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /**
             * @description No chat session has this id, or it has no message with this messageId
             *
             *     No chat session has this id
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A reply is being generated in this session: wait for it to end or cancel it first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MessagesController_selectVariant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
                /** @description The message id */
                messageId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SelectVariantDto"];
            };
        };
        responses: {
            /** @description The message with its new active variant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDto"];
                };
            };
            /** @description The id is not a positive whole number, index is not a whole number of 0 or more, or the message has no such variant; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /**
             * @description No chat session has this id, or it has no message with this messageId
             *
             *     No chat session has this id
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A reply is being generated in this session: wait for it to end or cancel it first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MessagesController_variants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
                /** @description The message id */
                messageId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariantDto"][];
                };
            };
            /** @description The id is not a positive whole number (or messageId is not); the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /**
             * @description No chat session has this id, or it has no message with this messageId
             *
             *     No chat session has this id
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    GenerationController_regenerate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateDto"];
            };
        };
        responses: {
            /** @description stream: true → text/event-stream, the events of send-message (see docs/streaming-protocol.md). stream: false → `{"userMessage": null, "assistantMessage": …}` once the reply is saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendMessageResultDto"];
                    "text/event-stream": components["schemas"]["StartEventDto"] | components["schemas"]["ContentEventDto"] | components["schemas"]["ReasoningEventDto"] | components["schemas"]["DoneEventDto"] | components["schemas"]["ErrorEventDto"] | components["schemas"]["CancelledEventDto"] | components["schemas"]["MessagesChangedEventDto"];
                };
            };
            /** @description The id is not a positive whole number, the body is not valid JSON, stream is not a boolean, no API key is set, or the session has no AI model; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the provider says the account has too few credits */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A reply is already being generated in this session, or the session has no messages yet */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description More generation requests from this client in the last minute than GENERATION_RATE_LIMIT allows; see Retry-After. With stream: false, also when the provider rate-limited the reply (error code rate_limited) */
            429: {
                headers: {
                    /** @description Seconds until the rate limit lets this client send again (on the rate limit 429) */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the generation failed inside the server */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the provider refused the API key or failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description REDIS_URL is set and Redis does not answer; with stream: false also at shutdown */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the provider went silent, or the reply ran over STREAM_TIMEOUT_MS */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    GenerationController_sendMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description `<streamId>:<offset>` of the session's running reply: attach to it after that offset */
                "Last-Event-ID"?: string;
                /** @description A fresh string (1 to 255 characters, e.g. a UUID) per user message. A repeat with the same key in this session within 24 h starts nothing: it attaches to the reply the first request started, or gets its outcome once it ended. See "Retries and Idempotency-Key" in docs/streaming-protocol.md. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageDto"];
            };
        };
        responses: {
            /** @description stream: true → text/event-stream: each event is `id: <streamId>:<offset>` and `data: <json>`, one of the event schemas (StartEventDto, ReasoningEventDto, ContentEventDto, DoneEventDto, ErrorEventDto, CancelledEventDto; attached tabs also get MessagesChangedEventDto, without an id); `: ping` comments every HEARTBEAT_MS. See docs/streaming-protocol.md. stream: false → the user and assistant messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendMessageResultDto"];
                    "text/event-stream": components["schemas"]["StartEventDto"] | components["schemas"]["ContentEventDto"] | components["schemas"]["ReasoningEventDto"] | components["schemas"]["DoneEventDto"] | components["schemas"]["ErrorEventDto"] | components["schemas"]["CancelledEventDto"] | components["schemas"]["MessagesChangedEventDto"];
                };
            };
            /** @description The id is not a positive whole number, the body is not valid JSON, content is empty or not a string, stream is not a boolean, Idempotency-Key is empty or longer than 255 characters, no OpenRouter API key is set, or the session has no AI model; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: OpenRouter says the account has too few credits (error code insufficient_credits) */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A reply is already being generated in this session, or the stored OpenRouter key cannot be decrypted with ENCRYPTION_KEY, or the first request with this Idempotency-Key is still starting; with stream: false also when the reply was cancelled (user_cancelled, no_clients) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description More generation requests from this client in the last minute than GENERATION_RATE_LIMIT allows; see Retry-After. With stream: false, also when OpenRouter rate-limited the reply (error code rate_limited) */
            429: {
                headers: {
                    /** @description Seconds until the rate limit lets this client send again (on the rate limit 429) */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: the generation failed inside the server (error code internal) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: OpenRouter refused the API key or failed (error codes upstream_auth, upstream_error) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description REDIS_URL is set and Redis does not answer; try again in a moment; with stream: false also when the server shut down during the reply */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stream: false: OpenRouter went silent for UPSTREAM_IDLE_TIMEOUT_MS or the reply ran over STREAM_TIMEOUT_MS */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    GenerationController_stream: {
        parameters: {
            query?: never;
            header?: {
                /** @description `<streamId>:<offset>` to resume after */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream: each event is `id: <streamId>:<offset>` and `data: <json>`, one of the event schemas (StartEventDto, ReasoningEventDto, ContentEventDto, DoneEventDto, ErrorEventDto, CancelledEventDto; attached tabs also get MessagesChangedEventDto, without an id); `: ping` comments every HEARTBEAT_MS. See docs/streaming-protocol.md. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["StartEventDto"] | components["schemas"]["ContentEventDto"] | components["schemas"]["ReasoningEventDto"] | components["schemas"]["DoneEventDto"] | components["schemas"]["ErrorEventDto"] | components["schemas"]["CancelledEventDto"] | components["schemas"]["MessagesChangedEventDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description MAX_CONNECTIONS_PER_SESSION connections are already attached to this session */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description REDIS_URL is set and Redis does not answer; try again in a moment */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    GenerationController_streamStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamStatusDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No chat session has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description REDIS_URL is set and Redis does not answer; try again in a moment */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description The database or Redis does not answer; the message names which */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ProvidersCatalogueController_models: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueModelDto"][];
                };
            };
            /** @description The provider needs an API key for its list and none is stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such provider is configured (the message names the known ones) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The provider could not be reached or sent a list that cannot be read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SettingsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and no valid bearer token was sent (or, with only API_TOKEN set, not the API_TOKEN) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and the API_TOKEN was sent: this route needs the ADMIN_TOKEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A key is stored but no key in ENCRYPTION_KEY decrypts it; the message says how to fix that */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SettingsController_put: {
        parameters: {
            query?: {
                /** @description true: ask OpenRouter whether it accepts the key first, and store nothing if it does not */
                verify?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetOpenrouterApiKeyDto"];
            };
        };
        responses: {
            /** @description Stored; the settings as GET returns them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsDto"];
                };
            };
            /** @description The body is not valid JSON, apiKey is missing or malformed, verify is not true/false, a field is unknown, or (with verify) OpenRouter rejected the key; nothing was stored; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and no valid bearer token was sent (or, with only API_TOKEN set, not the API_TOKEN) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and the API_TOKEN was sent: this route needs the ADMIN_TOKEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description With verify: OpenRouter could not be reached; nothing was stored */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SettingsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; the settings as GET returns them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsDto"];
                };
            };
            /** @description A body was sent and it is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and no valid bearer token was sent (or, with only API_TOKEN set, not the API_TOKEN) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and the API_TOKEN was sent: this route needs the ADMIN_TOKEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SettingsController_putProviderKey: {
        parameters: {
            query?: {
                /** @description true: ask OpenRouter whether it accepts the key first, and store nothing if it does not */
                verify?: "true" | "false";
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetProviderApiKeyDto"];
            };
        };
        responses: {
            /** @description Stored; the settings as GET returns them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsDto"];
                };
            };
            /** @description apiKey is missing or malformed, or (with verify) the provider rejected the key; nothing was stored; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and no valid bearer token was sent (or, with only API_TOKEN set, not the API_TOKEN) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and the API_TOKEN was sent: this route needs the ADMIN_TOKEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such provider is configured (the message names the known ones) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description With verify: the provider could not be reached; nothing was stored */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SettingsController_removeProviderKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; the settings as GET returns them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsDto"];
                };
            };
            /** @description A body was sent and it is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and no valid bearer token was sent (or, with only API_TOKEN set, not the API_TOKEN) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description ADMIN_TOKEN is set and the API_TOKEN was sent: this route needs the ADMIN_TOKEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such provider is configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SystemPromptsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description How many records to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description System prompts by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemPromptDto"][];
                };
            };
            /** @description limit or offset is out of range or an unknown query parameter was given; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SystemPromptsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSystemPromptDto"];
            };
        };
        responses: {
            /** @description The system prompt as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemPromptDto"];
                };
            };
            /** @description A field is missing, has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SystemPromptsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The system prompt id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemPromptDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No system prompt has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SystemPromptsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The system prompt id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The system prompt is deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No system prompt has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    SystemPromptsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The system prompt id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSystemPromptDto"];
            };
        };
        responses: {
            /** @description The system prompt as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemPromptDto"];
                };
            };
            /** @description The id is not a positive whole number, A field has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No system prompt has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UserProfilesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description How many records to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User profiles by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProfileDto"][];
                };
            };
            /** @description limit or offset is out of range or an unknown query parameter was given; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UserProfilesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserProfileDto"];
            };
        };
        responses: {
            /** @description The user profile as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProfileDto"];
                };
            };
            /** @description A field is missing, has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UserProfilesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user profile id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProfileDto"];
                };
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No user profile has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UserProfilesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user profile id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user profile is deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No user profile has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A body was sent and it is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UserProfilesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user profile id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserProfileDto"];
            };
        };
        responses: {
            /** @description The user profile as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProfileDto"];
                };
            };
            /** @description The id is not a positive whole number, A field has the wrong type or is unknown, or the body is not valid JSON; the message says which */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No user profile has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
}
