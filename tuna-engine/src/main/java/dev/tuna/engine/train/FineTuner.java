package dev.tuna.engine.train;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.ChatTemplate;
import dev.tuna.engine.chat.ConversationEncoder;
import dev.tuna.engine.chat.EncodedConversation;
import dev.tuna.engine.chat.JinjaChatTemplate;
import dev.tuna.engine.chat.NanoChatTemplate;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.model.TrainableModel;
import dev.tuna.engine.runtime.ModelFolder;
import dev.tuna.engine.runtime.ModelLoader;
import dev.tuna.engine.tokenizer.HfTokenizer;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import dev.tuna.engine.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The entry point the server's worker calls: one fine-tuning run, from the request to a model folder.
 * <ul>
 *   <li>tuna-nano ({@code baseModel == null}): a tokenizer from the data's characters, random weights from the seed,
 *       every parameter trained; the output is the full weights plus the tokenizer;</li>
 *   <li>a Hugging Face checkpoint: its tokenizer and chat template, LoRA adapters (or every weight when
 *       {@code lora} is null); the output is a PEFT adapter plus {@value ModelFolder#BASE_FILE} naming the base.</li>
 * </ul>
 * A run that finds a checkpoint in the work folder resumes from it and ends exactly as if it had never stopped.
 */
public final class FineTuner {
    /** Longer conversations are cut: activation memory grows with the length, and answers come early. */
    static final int MAX_TRAINING_TOKENS = 2048;

    public FineTuneResult run(FineTuneRequest request, TrainingListener listener, BooleanSupplier stopRequested) {
        if (request.training().isEmpty()) {
            throw new TunaException("the training file has no examples", TunaException.INVALID_INPUT, null);
        }
        Setup setup = request.baseModel() == null ? nano(request) : checkpoint(request);
        try {
            if (setup.template instanceof JinjaChatTemplate j && j.origin().contains("no chat template")) {
                listener.onMessage("Chat template: " + j.origin());
            }
            ConversationEncoder encoder = new ConversationEncoder(setup.template, setup.tokenizer);
            int maxLength = Math.min(MAX_TRAINING_TOKENS, setup.trainable.config().maxPositionEmbeddings());
            List<EncodedConversation> training = encode(encoder, request.training(), maxLength, "training", listener);
            List<EncodedConversation> validation = encode(encoder, request.validation(), maxLength, "validation",
                    listener);
            if (training.isEmpty()) {
                throw new TunaException("no training example has an assistant message to learn (all have weight 0)",
                        TunaException.INVALID_INPUT, null);
            }
            TrainingPlan plan = TrainingPlan.resolve(request.hyperparameters(), training.size(), setup.method);
            plan.choices().forEach(listener::onMessage);
            String runKey = runKey(setup, plan, training, validation, request);
            Trainer trainer = new Trainer(setup.trainable, plan, training, validation, request.seed(),
                    request.workDir(), setup.writer, runKey);
            Trainer.Outcome outcome = trainer.run(listener, stopRequested);
            if (outcome.completed()) {
                ModelFolder.writeAtomically(request.outputDir(), setup.writer);
            }
            return new FineTuneResult(outcome.completed(), outcome.steps(), outcome.trainedTokens(), plan.epochs(),
                    plan.batchSize(), plan.learningRateMultiplier(), outcome.completed() ? request.outputDir() : null);
        } finally {
            if (setup.tokenizer instanceof HfTokenizer hf) {
                hf.close();
            }
        }
    }

    /** What is trained and how it is written. */
    private record Setup(TrainingMethod method, Tokenizer tokenizer, ChatTemplate template, TrainableModel trainable,
                         Consumer<Path> writer, String identity) {
    }

    private static Setup nano(FineTuneRequest request) {
        List<String> texts = new ArrayList<>();
        for (List<List<Turn>> set : List.of(request.training(), request.validation())) {
            for (List<Turn> c : set) {
                for (Turn t : c) {
                    texts.add(t.content());
                }
            }
        }
        NanoTokenizer tokenizer = NanoTokenizer.fromTexts(texts);
        Llama model = Llama.random(ModelLoader.nanoConfig(tokenizer), request.seed());
        return new Setup(TrainingMethod.NANO_FROM_SCRATCH, tokenizer, NanoChatTemplate.INSTANCE, model.fullTraining(),
                dir -> ModelFolder.writeNano(dir, model, tokenizer), "tuna-nano vocab=" + tokenizer.vocabSize());
    }

    private static Setup checkpoint(FineTuneRequest request) {
        Path base = request.baseModel();
        HfTokenizer tokenizer = HfTokenizer.load(base);
        try {
            JinjaChatTemplate template = JinjaChatTemplate.load(base, tokenizer.specialTokens());
            Llama llama = Llama.load(base);
            LoraSettings lora = request.hyperparameters() == null ? LoraSettings.defaults()
                    : request.hyperparameters().lora();
            String identity = "base=" + base.toAbsolutePath().normalize();
            if (lora == null) {
                return new Setup(TrainingMethod.FULL, tokenizer, template, llama.fullTraining(),
                        dir -> ModelFolder.writeFull(dir, llama, base), identity + " full");
            }
            LoraModel adapter = LoraModel.create(llama, lora, request.seed());
            return new Setup(TrainingMethod.LORA, tokenizer, template, adapter,
                    dir -> ModelFolder.writeAdapter(dir, adapter, base), identity + " lora=" + lora);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static List<EncodedConversation> encode(ConversationEncoder encoder, List<List<Turn>> conversations,
                                                     int maxLength, String what, TrainingListener listener) {
        List<EncodedConversation> out = new ArrayList<>();
        int cut = 0;
        int empty = 0;
        for (List<Turn> c : conversations) {
            EncodedConversation e = encoder.encode(c);
            if (e.length() > maxLength) {
                int[] tokens = java.util.Arrays.copyOf(e.tokens(), maxLength);
                float[] weights = java.util.Arrays.copyOf(e.targetWeights(), maxLength - 1);
                e = new EncodedConversation(tokens, weights);
                cut++;
            }
            if (e.targetWeight() == 0) {
                empty++;
                continue;
            }
            out.add(e);
        }
        if (cut > 0) {
            listener.onMessage(cut + " " + what + " example(s) are longer than " + maxLength
                    + " tokens and were cut to that length");
        }
        if (empty > 0) {
            listener.onMessage(empty + " " + what + " example(s) have nothing to learn (no assistant tokens with"
                    + " weight 1 within the length limit) and were skipped");
        }
        return out;
    }

    /** A digest of everything that decides the trained weights, so a checkpoint is only resumed by its own run. */
    private static String runKey(Setup setup, TrainingPlan plan, List<EncodedConversation> training,
                                 List<EncodedConversation> validation, FineTuneRequest request) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((setup.identity + "|" + plan.epochs() + "|" + plan.batchSize() + "|"
                    + plan.learningRateMultiplier() + "|" + plan.method() + "|" + request.seed())
                    .getBytes(StandardCharsets.UTF_8));
            for (List<EncodedConversation> set : List.of(training, validation)) {
                for (EncodedConversation e : set) {
                    ByteBuffer b = ByteBuffer.allocate(4 + e.tokens().length * 4 + e.targetWeights().length * 4);
                    b.putInt(e.tokens().length);
                    for (int t : e.tokens()) {
                        b.putInt(t);
                    }
                    for (float w : e.targetWeights()) {
                        b.putFloat(w);
                    }
                    d.update(b.array());
                }
                d.update((byte) '|');
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
