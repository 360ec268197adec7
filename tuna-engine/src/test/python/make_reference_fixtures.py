"""Writes tiny random Llama-family checkpoints and what the Hugging Face forward computes for them.

A plain-torch transcription of the transformers Llama / Qwen2 / Mistral forward pass (RMSNorm in float32,
rotate_half RoPE with optional llama3 frequency scaling, repeat_kv grouped-query attention, SwiGLU MLP, tied or
untied head), so the Java engine can be checked without transformers installed. Run once with Debian's python3
(torch 1.13); the small outputs are committed under src/test/resources/reference/<case>/:

  config.json, model.safetensors       the checkpoint (f32, or bf16 for the bf16 case)
  expected.safetensors                 tokens, target_weights, grad_scale, logits [T, V], weighted_nll (scalar),
                                       and grad.<tensor name> for a few tensors

Loss = grad_scale * sum_i target_weights[i] * nll(tokens[i+1] | tokens[..i]), the TrainableModel contract.
"""
import json
import math
import os
import struct
import sys

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference")


def write_safetensors(path, tensors, dtypes=None):
    """Minimal safetensors writer (the format: u64 header length, JSON header, raw little-endian data)."""
    dtypes = dtypes or {}
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        dt = dtypes.get(name, "F32")
        t = t.detach().contiguous()
        if dt == "F32":
            raw = t.to(torch.float32).numpy().astype("<f4").tobytes()
        elif dt == "BF16":
            raw = t.to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            raise ValueError(dt)
        header[name] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def rms_norm(x, w, eps):
    dtype = x.dtype
    x = x.to(torch.float32)
    var = x.pow(2).mean(-1, keepdim=True)
    x = x * torch.rsqrt(var + eps)
    return w * x.to(dtype)


def inv_freq(cfg):
    hd = cfg["head_dim"]
    base = cfg["rope_theta"]
    inv = 1.0 / (base ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    rs = cfg.get("rope_scaling")
    if rs:
        factor = rs["factor"]
        low = rs["low_freq_factor"]
        high = rs["high_freq_factor"]
        old = rs["original_max_position_embeddings"]
        low_wavelen = old / low
        high_wavelen = old / high
        wavelen = 2 * math.pi / inv
        inv_l = torch.where(wavelen > low_wavelen, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * inv_l / factor + smooth * inv_l
        medium = ~(wavelen < high_wavelen) * ~(wavelen > low_wavelen)
        inv = torch.where(medium, smoothed, inv_l)
    return inv


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def forward(cfg, p, tokens):
    T = tokens.shape[0]
    H, KV, hd = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    eps = cfg["rms_norm_eps"]
    x = p["model.embed_tokens.weight"][tokens]  # [T, C]
    freqs = inv_freq(cfg)[:, None].float() @ torch.arange(T)[None, :].float()  # [hd/2, T]
    emb = torch.cat((freqs.t(), freqs.t()), dim=-1)
    cos, sin = emb.cos(), emb.sin()  # [T, hd]
    mask = torch.full((T, T), float("-inf")).triu(1)
    for l in range(cfg["num_hidden_layers"]):
        pre = "model.layers.%d." % l

        def lin(name, inp):
            y = inp @ p[pre + name + ".weight"].t()
            if (pre + name + ".bias") in p:
                y = y + p[pre + name + ".bias"]
            return y

        h = rms_norm(x, p[pre + "input_layernorm.weight"], eps)
        q = lin("self_attn.q_proj", h).view(T, H, hd).transpose(0, 1)
        k = lin("self_attn.k_proj", h).view(T, KV, hd).transpose(0, 1)
        v = lin("self_attn.v_proj", h).view(T, KV, hd).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(H // KV, dim=0)  # repeat_kv
        v = v.repeat_interleave(H // KV, dim=0)
        w = q @ k.transpose(1, 2) * hd ** -0.5 + mask
        w = torch.softmax(w.float(), dim=-1).to(q.dtype)
        a = (w @ v).transpose(0, 1).reshape(T, H * hd)
        x = x + lin("self_attn.o_proj", a)
        h = rms_norm(x, p[pre + "post_attention_layernorm.weight"], eps)
        g = lin("mlp.gate_proj", h)
        u = lin("mlp.up_proj", h)
        x = x + lin("mlp.down_proj", torch.nn.functional.silu(g) * u)
    x = rms_norm(x, p["model.norm.weight"], eps)
    head = p["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else p["lm_head.weight"]
    return x @ head.t()


def make(name, cfg, seed, dtype="F32", grads=()):
    torch.manual_seed(seed)
    C, I, V = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    H, KV, hd = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    bias = cfg["model_type"] == "qwen2"
    shapes = {"model.embed_tokens.weight": (V, C), "model.norm.weight": (C,)}
    for l in range(cfg["num_hidden_layers"]):
        pre = "model.layers.%d." % l
        shapes[pre + "input_layernorm.weight"] = (C,)
        shapes[pre + "post_attention_layernorm.weight"] = (C,)
        for m, s in (("q_proj", (H * hd, C)), ("k_proj", (KV * hd, C)), ("v_proj", (KV * hd, C)),
                     ("o_proj", (C, H * hd))):
            shapes[pre + "self_attn." + m + ".weight"] = s
            if bias and m != "o_proj":
                shapes[pre + "self_attn." + m + ".bias"] = (s[0],)
        for m, s in (("gate_proj", (I, C)), ("up_proj", (I, C)), ("down_proj", (C, I))):
            shapes[pre + "mlp." + m + ".weight"] = s
    if not cfg["tie_word_embeddings"]:
        shapes["lm_head.weight"] = (V, C)
    p = {}
    for n, s in shapes.items():
        if n.endswith("norm.weight"):
            t = 1.0 + 0.2 * torch.randn(s)
        elif n.endswith(".bias"):
            t = 0.3 * torch.randn(s)
        else:
            t = 0.3 * torch.randn(s)
        if dtype == "BF16":
            t = t.to(torch.bfloat16).to(torch.float32)  # the engine computes in f32 over the bf16 values
        p[n] = t.requires_grad_(True)
    T = 12
    tokens = torch.randint(0, V, (T,))
    tw = torch.tensor([0, 0, 1, 1, 1, 0, 1, 1, 0.5, 1, 1], dtype=torch.float32)
    grad_scale = 1.0 / float(tw.sum())
    logits = forward(cfg, p, tokens)
    nll = torch.nn.functional.cross_entropy(logits[:-1], tokens[1:], reduction="none")
    weighted = (tw * nll).sum()
    (weighted * grad_scale).backward()

    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    write_safetensors(os.path.join(d, "model.safetensors"), p, {n: dtype for n in p})
    exp = {"tokens": tokens.float(), "target_weights": tw, "grad_scale": torch.tensor([grad_scale]),
           "logits": logits, "weighted_nll": torch.tensor([float(weighted)])}
    for g in grads:
        exp["grad." + g] = p[g].grad
    write_safetensors(os.path.join(d, "expected.safetensors"), exp)
    print(name, "weighted_nll", float(weighted))


def base_cfg(model_type, **kw):
    c = {"architectures": [{"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM",
                             "mistral": "MistralForCausalLM"}[model_type]],
         "model_type": model_type, "vocab_size": 48, "hidden_size": 32, "intermediate_size": 40,
         "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 8,
         "hidden_act": "silu", "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "rope_scaling": None,
         "tie_word_embeddings": False, "max_position_embeddings": 64, "bos_token_id": 1, "eos_token_id": 2,
         "torch_dtype": "float32"}
    c.update(kw)
    return c


if __name__ == "__main__":
    torch.set_num_threads(1)
    common = ["model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight",
              "model.layers.1.mlp.down_proj.weight", "model.layers.0.input_layernorm.weight", "model.norm.weight"]
    make("llama3_scaled_gqa", base_cfg("llama", rope_theta=500000.0, rope_scaling={
        "rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
        "original_max_position_embeddings": 8}), 1, grads=common + ["lm_head.weight"])
    make("qwen2_bias_tied", base_cfg("qwen2", tie_word_embeddings=True, rope_theta=1000000.0, rms_norm_eps=1e-6),
         2, grads=common + ["model.layers.1.self_attn.k_proj.bias", "model.layers.0.self_attn.q_proj.bias"])
    make("mistral_headdim", base_cfg("mistral", head_dim=16, num_key_value_heads=1), 3,
         grads=common + ["model.layers.1.self_attn.o_proj.weight", "model.layers.0.self_attn.v_proj.weight"])
    make("smollm_tied_mha_bf16", base_cfg("llama", tie_word_embeddings=True, num_key_value_heads=4,
                                         rope_theta=100000.0, torch_dtype="bfloat16"), 4, dtype="BF16",
         grads=common)
