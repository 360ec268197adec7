package dev.tuna.server.models;

import dev.tuna.engine.runtime.ChatModel;
import dev.tuna.server.engine.ModelProvider;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models stay loaded between requests (loading a checkpoint takes seconds); the least recently used is closed when
 * more than {@code capacity} are loaded, once no request is still using it.
 */
public final class LoadedModels implements AutoCloseable {
    /** A model borrowed for one request; close it when the request is done. */
    public final class Lease implements AutoCloseable {
        private final Slot slot;
        private boolean closed;

        private Lease(Slot slot) {
            this.slot = slot;
        }

        public ChatModel model() {
            return slot.model;
        }

        @Override
        public void close() {
            synchronized (LoadedModels.this) {
                if (!closed) {
                    closed = true;
                    slot.users--;
                    closeIfDone(slot);
                }
            }
        }
    }

    private static final class Slot {
        final ChatModel model;
        int users;
        boolean evicted;

        Slot(ChatModel model) {
            this.model = model;
        }
    }

    private final ModelProvider provider;
    private final int capacity;
    private final LinkedHashMap<String, Slot> loaded = new LinkedHashMap<>(16, 0.75f, true);
    /** One lock per model id so that two requests for the same model load it once, others are not blocked. */
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    public LoadedModels(ModelProvider provider, int capacity) {
        this.provider = provider;
        this.capacity = capacity;
    }

    public Lease lease(ModelEntry entry) throws Exception {
        synchronized (this) {
            Slot slot = loaded.get(entry.id());
            if (slot != null) {
                slot.users++;
                return new Lease(slot);
            }
        }
        synchronized (loading.computeIfAbsent(entry.id(), k -> new Object())) {
            synchronized (this) {
                Slot slot = loaded.get(entry.id());
                if (slot != null) {
                    slot.users++;
                    return new Lease(slot);
                }
            }
            ChatModel model = provider.load(entry.basePath(), entry.fineTuned());
            synchronized (this) {
                Slot slot = new Slot(model);
                slot.users++;
                loaded.put(entry.id(), slot);
                evictBeyondCapacity();
                return new Lease(slot);
            }
        }
    }

    /** Forgets a model (e.g. deleted); it is closed once its last request ends. */
    public synchronized void evict(String id) {
        Slot slot = loaded.remove(id);
        if (slot != null) {
            slot.evicted = true;
            closeIfDone(slot);
        }
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<String, Slot>> it = loaded.entrySet().iterator();
        while (loaded.size() > capacity && it.hasNext()) {
            Slot slot = it.next().getValue();
            it.remove();
            slot.evicted = true;
            closeIfDone(slot);
        }
    }

    private static void closeIfDone(Slot slot) {
        if (slot.evicted && slot.users == 0) {
            slot.model.close();
        }
    }

    @Override
    public synchronized void close() {
        for (Slot slot : loaded.values()) {
            slot.evicted = true;
            closeIfDone(slot);
        }
        loaded.clear();
    }
}
