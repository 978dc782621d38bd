# engine/: libttt (owned by the engine work; see engine/ttt.h)
ENGINE_SRCS =
ENGINE_OBJS = $(ENGINE_SRCS:%.c=$(O)/%.o)

$(LIBTTT): $(ENGINE_OBJS)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
