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
            /** @enum {string} */
            reason: "user_cancelled" | "timeout" | "no_clients" | "server_shutdown";
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "cancelled";
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
            /**
             * @description Goes into the system prompt
             * @default
             */
            description: string;
            /** @example Mira */
            name: string;
        };
        CreateChatSessionDto: {
            /**
             * @description An existing AI model id
             * @example 1
             */
            aiModelId: number;
            /** @description An existing character id */
            characterId?: number | null;
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
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "error";
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
        MessageDto: {
            /** @example 1 */
            chatSessionId: number;
            /** @example Hello! */
            content: string;
            /** Format: date-time */
            createdAt: string;
            /** @example 1 */
            id: number;
            /** @enum {string} */
            role: "user" | "assistant";
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
            userMessage: components["schemas"]["MessageDto"];
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
            /** Format: uuid */
            streamId: string;
            /** @enum {string} */
            type: "start";
            userMessage: components["schemas"]["MessageDto"];
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
            /**
             * @description Goes into the system prompt
             * @default
             */
            description: string;
            /** @example Mira */
            name?: string;
        };
        UpdateChatSessionDto: {
            /**
             * @description An existing AI model id
             * @example 1
             */
            aiModelId?: number;
            /** @description An existing character id */
            characterId?: number | null;
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
            /** @description stream: true → text/event-stream: each event is `id: <streamId>:<offset>` and `data: <json>`, one of the event schemas (StartEventDto, ContentEventDto, DoneEventDto, ErrorEventDto, CancelledEventDto); `: ping` comments every HEARTBEAT_MS. See docs/streaming-protocol.md. stream: false → the user and assistant messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendMessageResultDto"];
                    "text/event-stream": components["schemas"]["StartEventDto"] | components["schemas"]["ContentEventDto"] | components["schemas"]["DoneEventDto"] | components["schemas"]["ErrorEventDto"] | components["schemas"]["CancelledEventDto"];
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
            /** @description text/event-stream: each event is `id: <streamId>:<offset>` and `data: <json>`, one of the event schemas (StartEventDto, ContentEventDto, DoneEventDto, ErrorEventDto, CancelledEventDto); `: ping` comments every HEARTBEAT_MS. See docs/streaming-protocol.md. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["StartEventDto"] | components["schemas"]["ContentEventDto"] | components["schemas"]["DoneEventDto"] | components["schemas"]["ErrorEventDto"] | components["schemas"]["CancelledEventDto"];
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
